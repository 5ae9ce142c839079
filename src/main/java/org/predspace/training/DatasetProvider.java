package org.predspace.training;

import org.predspace.data.DataFormatException;
import org.predspace.data.DatasetSplit;

/** Resolves a data set id (mnist, csv:PATH, ...) to its data. */
@FunctionalInterface
public interface DatasetProvider {
    DatasetSplit load(String id) throws DataFormatException;
}
