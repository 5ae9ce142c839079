package org.predspace.session;

/**
 * One point of a picture: a checkpoint of a run, or an anchor (ignorance, truth: checkpoint -1).
 *
 * @param progress          lambda along the ignorance-to-truth geodesic (docs/science.md section 4)
 * @param geodesicDistance  d_B from the point to the geodesic at that progress
 * @param accuracy          accuracy on this picture's probe (training or held-out); NaN for anchors
 * @param loss              cross-entropy on this picture's probe; NaN for anchors
 * @param truthDistance     d_B from the point to the truth anchor on this picture's probe (docs/science.md
 *                          section 2): 0 at truth, (1/2) ln C at ignorance
 */
public record PointInfo(String run, int checkpoint, long step, double progress, double geodesicDistance,
                        double trainAccuracy, double accuracy, double loss, double truthDistance) {
    public boolean isAnchor() { return checkpoint < 0; }
}
