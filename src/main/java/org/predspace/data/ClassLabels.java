package org.predspace.data;

import org.predspace.runs.InputText;

/**
 * The class count of numeric labels that no one named: C = largest label + 1, and every class
 * 0..C-1 must have a sample. Without the second rule one stray byte (a label of 255 among
 * digits) silently makes a 256-class run whose classes 10..254 are empty; with it the stray
 * label is named with its file and position.
 */
final class ClassLabels {
    private ClassLabels() {}

    /**
     * @param sources names of the files the label arrays came from, for messages
     * @param labels  one or more label arrays (a train and a test part), values >= 0
     */
    static int count(String[] sources, int[]... labels) throws DataFormatException {
        int max = -1;
        int maxPart = 0;
        int maxAt = 0;
        for (int p = 0; p < labels.length; p++) {
            for (int i = 0; i < labels[p].length; i++) {
                if (labels[p][i] > max) {
                    max = labels[p][i];
                    maxPart = p;
                    maxAt = i;
                }
            }
        }
        int classes = max + 1;
        if (classes < 2) {
            throw new DataFormatException(InputText.escape(sources[0]) + ": every label is 0; a classifier needs at least 2 classes");
        }
        boolean[] seen = new boolean[classes];
        for (int[] part : labels) for (int l : part) seen[l] = true;
        int missing = 0;
        int firstMissing = -1;
        for (int c = 0; c < classes; c++) {
            if (!seen[c]) {
                missing++;
                if (firstMissing < 0) firstMissing = c;
            }
        }
        if (missing > 0) {
            throw new DataFormatException(InputText.escape(sources[maxPart]) + ": label " + max + " (sample " + maxAt
                    + ") would make " + classes + " classes, but " + missing + (missing == 1 ? " class has" : " classes have")
                    + " no sample (first: " + firstMissing + "); labels must number the classes 0..C-1 and every class"
                    + " needs a sample");
        }
        return classes;
    }
}
