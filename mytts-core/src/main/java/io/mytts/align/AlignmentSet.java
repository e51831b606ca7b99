package io.mytts.align;

/**
 * The cross-attention of one utterance by layer and head, {@code [layer][head][steps][tokens]},
 * with the averages and scores the monitor shows. The array is not copied; do not change it.
 */
public record AlignmentSet(float[][][][] byLayerHead) {

    public AlignmentSet {
        Alignments.checkStack(byLayerHead);
    }

    public int layers() {
        return byLayerHead.length;
    }

    public int heads() {
        return byLayerHead[0].length;
    }

    public int steps() {
        return byLayerHead[0][0].length;
    }

    public int tokens() {
        return steps() == 0 ? 0 : byLayerHead[0][0][0].length;
    }

    /** The mean over all layers and heads. */
    public float[][] averaged() {
        return Alignments.averageHeads(byLayerHead);
    }

    /** The mean over the heads of one layer. */
    public float[][] layer(int layer) {
        return Alignments.averageHeads(byLayerHead, layer);
    }

    /** One head of one layer. */
    public float[][] head(int layer, int head) {
        return byLayerHead[layer][head];
    }

    /** The diagonality of the average over all layers and heads. */
    public double diagonality() {
        return Alignments.diagonality(averaged());
    }

    /** The most diagonal single head. */
    public Alignments.HeadScore mostDiagonalHead() {
        return Alignments.mostDiagonalHead(byLayerHead);
    }
}
