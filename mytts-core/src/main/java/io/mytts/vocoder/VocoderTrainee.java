package io.mytts.vocoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mytts.audio.MelSpectrogram;
import io.mytts.nn.NamedArrays;
import io.mytts.nn.Scalars;
import io.mytts.train.NamedLosses;
import io.mytts.train.ParameterGroup;
import io.mytts.train.TrainableModel;
import io.mytts.train.TrainingStep;
import io.mytts.train.Validation;
import io.mytts.train.ValidationOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GAN vocoder as the shared training loop sees it: a {@link VocosGenerator} and its
 * {@link Discriminators}, two parameter groups with an optimizer each.
 *
 * <p>A step: spectral losses only until {@link VocoderTrainSettings#adversarialFrom()}; after it,
 * two updates, as HiFi-GAN takes them:
 * <ol>
 *   <li>{@value #DISCRIMINATOR}: the critics learn to tell real windows from generated ones (made
 *       without a graph: nothing of it reaches the generator), least squares;
 *   <li>{@value #GENERATOR}: 45·mel L1 + 15·STFT loss, plus the least-squares adversarial loss and
 *       feature matching against the critics just updated. The critics judge here with their
 *       weights detached, so the backward pass computes no gradient for them, and the real audio's
 *       features (compared, never differentiated) are taken with no graph at all. They are taken
 *       again, not kept from the first update: the critics' Adam step moves them enough that feature
 *       matching against the kept ones came out 11 % higher on the shipped run (docs/vocoder.md).
 * </ol>
 * Each update builds its arrays in the manager it is given, freed right after its backward pass.
 */
final class VocoderTrainee implements TrainableModel<AudioSegments.Batch> {

    static final String GENERATOR = "generator";
    static final String DISCRIMINATOR = "discriminator";
    /** The critics' weights in a checkpoint. */
    static final String DISCRIMINATOR_WEIGHTS = "discriminator.safetensors";

    private final VocosGenerator generator;
    private final Discriminators critics;
    private final VocoderLosses losses;
    private final VocoderTrainSettings settings;
    private final MelSpectrogram melSpectrogram;
    private final Map<String, Object> runFacts;

    /**
     * @param runFacts what every checkpoint's {@code vocoder.json} records besides the loop's facts
     *     (the corpus)
     */
    VocoderTrainee(VocosGenerator generator, Discriminators critics, VocoderLosses losses,
            VocoderTrainSettings settings, Map<String, Object> runFacts) {
        this.generator = generator;
        this.critics = critics;
        this.losses = losses;
        this.settings = settings;
        this.melSpectrogram = new MelSpectrogram(generator.config().audio());
        this.runFacts = Map.copyOf(runFacts);
        generator.parameters().setRequiresGradient(true);
        critics.parameters().setRequiresGradient(true);
    }

    @Override
    public List<ParameterGroup> parameterGroups() {
        return List.of(new ParameterGroup(GENERATOR, generator.arrays()),
                new ParameterGroup(DISCRIMINATOR, critics.arrays()));
    }

    @Override
    public void trainStep(TrainingStep step, AudioSegments.Batch batch) {
        boolean adversarial = step.number() > settings.adversarialFrom();
        if (adversarial) {
            step.update(DISCRIMINATOR, m -> {
                NDArray fake = generator.forward(batch.mels(m)).stopGradient();
                return NamedLosses.of("discriminator_loss",
                        VocoderLosses.discriminator(critics.judge(batch.audio(m)), critics.judge(fake)));
            });
        }
        step.update(GENERATOR, m -> generatorLosses(m, batch, adversarial));
    }

    private NamedLosses generatorLosses(NDManager m, AudioSegments.Batch batch, boolean adversarial) {
        NDArray real = batch.audio(m);
        NDArray generated = generator.forward(batch.mels(m));
        NDArray melLoss = losses.melL1(generated, real);
        NDArray stftLoss = losses.multiResolutionStft(generated, real);
        // Weights as libtorch scalars: a plain number would be freed before the backward pass (Scalars).
        NDArray total = Scalars.mul(melLoss, settings.melWeight()).add(Scalars.mul(stftLoss, settings.stftWeight()));
        if (!adversarial) {
            return NamedLosses.of(total).with("mel_l1", melLoss).with("stft", stftLoss);
        }
        List<Discriminators.Verdict> onGenerated = critics.judge(generated, true);
        List<Discriminators.Verdict> onReal = critics.judge(real, true);
        NDArray adv = VocoderLosses.generatorAdversarial(onGenerated);
        NDArray fm = VocoderLosses.featureMatching(onReal, onGenerated);
        total = total.add(adv).add(Scalars.mul(fm, settings.featureWeight()));
        return NamedLosses.of(total).with("mel_l1", melLoss).with("stft", stftLoss).with("adversarial", adv)
                .with("feature_matching", fm);
    }

    /**
     * One whole held-out utterance: the mean absolute difference between the log-mel of the audio
     * made from its cached mel and that mel ({@code loss}, also {@code mel_l1}); for the first
     * ones, the audio made ({@code valN}) and the recording ({@code targetN}).
     */
    @Override
    public void validate(Validation validation, AudioSegments.Batch utterance) {
        float[] audio = generator.forward(utterance.mels(validation.manager())).toFloatArray();
        float[][] again = melSpectrogram.compute(audio);
        int bands = generator.config().audio().nMels();
        float[] mel = utterance.mels();
        int frames = Math.min(again.length, utterance.frames());
        double sum = 0;
        for (int t = 0; t < frames; t++) {
            for (int b = 0; b < bands; b++) {
                sum += Math.abs(again[t][b] - mel[t * bands + b]);
            }
        }
        double l1 = sum / ((double) frames * bands);
        validation.add(NamedLosses.TOTAL, l1);
        validation.add("mel_l1", l1);
        int sample = validation.takeSample();
        if (sample >= 0) {
            int rate = generator.config().audio().sampleRate();
            validation.output(new ValidationOutput.Audio("val" + sample, audio, rate, utterance.text()));
            validation.output(new ValidationOutput.Audio("target" + sample, utterance.audio(), rate, null));
        }
    }

    @Override
    public long frames(AudioSegments.Batch batch) {
        return (long) batch.size() * batch.frames();
    }

    /** A vocoder folder (descriptor and generator weights, float32) with the critics' weights beside it. */
    @Override
    public void save(Path folder, Map<String, Object> facts) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>(facts);
        all.putAll(runFacts);
        NeuralVocoder.save(folder, generator, all, false);
        Files.write(folder.resolve(DISCRIMINATOR_WEIGHTS), NeuralVocoder.encodeWeights(critics.arrays(), false));
    }

    @Override
    public void load(Path folder) throws IOException {
        loadGenerator(folder);
        loadCritics(folder.resolve(DISCRIMINATOR_WEIGHTS));
    }

    /** Copies the generator weights of a vocoder folder (or checkpoint) in, keeping them trainable. */
    void loadGenerator(Path folder) throws IOException {
        Path weights = folder.resolve(NeuralVocoder.WEIGHTS);
        NeuralVocoder.copyWeights(Files.readAllBytes(weights), generator, generator.parameters().getManager(), weights);
        generator.parameters().setRequiresGradient(true);
    }

    /** Copies the critics' weights of a safetensors file in, keeping them trainable. */
    void loadCritics(Path criticWeights) throws IOException {
        try (NDManager tmp = critics.parameters().getManager().newSubManager()) {
            critics.parameters().copyFrom(NamedArrays.decode(tmp, Files.readAllBytes(criticWeights)),
                    criticWeights.toString());
        }
        critics.parameters().setRequiresGradient(true);
    }
}
