package io.mytts.train;

import ai.djl.ndarray.NDArray;
import io.mytts.config.TrainConfig;
import java.util.List;
import java.util.Map;

/** The gradient clipper a training config asks for. */
final class Clipping {

    private Clipping() {}

    static GradientClipper of(TrainConfig c) {
        return switch (c.clipMode()) {
            case NONE -> new NoClipping();
            default -> new GlobalNorm(c.maxGradNorm());
        };
    }

    /** Leaves gradients as they are. */
    static final class NoClipping implements GradientClipper {
        @Override
        public double clip(Map<String, NDArray> gradients, double globalNorm) {
            return globalNorm;
        }

        @Override
        public List<Double> history() {
            return List.of();
        }

        @Override
        public void restore(List<Double> history) {}
    }

    /** Scales all gradients by one factor so that their global norm is at most the limit. */
    static final class GlobalNorm implements GradientClipper {
        private final double maxNorm;

        GlobalNorm(double maxNorm) {
            this.maxNorm = maxNorm;
        }

        @Override
        public double clip(Map<String, NDArray> gradients, double globalNorm) {
            if (globalNorm <= maxNorm) {
                return globalNorm;
            }
            float scale = (float) (maxNorm / (globalNorm + 1e-6));
            gradients.values().forEach(g -> g.muli(scale));
            return globalNorm * scale;
        }

        @Override
        public List<Double> history() {
            return List.of();
        }

        @Override
        public void restore(List<Double> history) {}
    }
}
