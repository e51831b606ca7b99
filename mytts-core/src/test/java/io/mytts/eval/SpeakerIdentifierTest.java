package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import io.mytts.data.CorpusBuilder;
import io.mytts.data.SubprocessTeacher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpeakerIdentifierTest {

    static final int RATE = 22050;
    static final Map<String, SyntheticSpeaker> SPEAKERS =
            Map.of("low", SyntheticSpeaker.LOW, "open", SyntheticSpeaker.OPEN, "bright", SyntheticSpeaker.BRIGHT);

    static SpeakerIdentifier identifier;

    @TempDir
    Path dir;

    /** Each synthetic speaker enrolled from three 2 s utterances (seeds 1-3). */
    @BeforeAll
    static void enrol() {
        SpeakerIdentifier.Builder b = SpeakerIdentifier.builder();
        SPEAKERS.forEach((name, s) -> b.addSpeaker(name, List.of(s.utterance(1, RATE, 2), s.utterance(2, RATE, 2),
                s.utterance(3, RATE, 2))));
        identifier = b.build();
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void unseenUtterancesGoToTheSpeakerWithTheirSpectralEnvelope(long seed) {
        assertThat(identifier.names()).containsExactly("bright", "low", "open");
        SPEAKERS.forEach((name, s) -> {
            SpeakerIdentification r = identifier.identify(s.utterance(seed, RATE, 1.5));
            assertThat(r.speaker()).as("%s, seed %d: %s", name, seed, r.distances()).isEqualTo(name);
            assertThat(r.distances().keySet()).first().isEqualTo(name);
            assertThat(r.distances()).hasSize(3);
            assertThat(r.margin()).isPositive();
            assertThat(r.frames()).isPositive();
        });
    }

    /** To 1e-3 nats: the STFT's magnitude epsilon (1e-9 under the root) is the one absolute level left. */
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 4})
    void theRecordingLevelChangesNothing(double gain) {
        AudioClip clip = SyntheticSpeaker.OPEN.utterance(21, RATE, 1.5);
        float[] scaled = clip.samples().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= (float) gain;
        }
        SpeakerIdentification original = identifier.identify(clip);
        SpeakerIdentification louder = identifier.identify(new AudioClip(scaled, RATE));
        assertThat(louder.speaker()).isEqualTo("open");
        assertThat(louder.frames()).isEqualTo(original.frames());
        original.distances().forEach((name, d) -> assertThat(louder.distances().get(name)).as(name)
                .isCloseTo(d, within(1e-3)));
    }

    @Test
    void recordingsAtAnotherRateAreResampledFirst() {
        for (int rate : new int[] {16000, 44100}) {
            SPEAKERS.forEach((name, s) -> assertThat(identifier.identify(s.utterance(31, rate, 1.5)).speaker())
                    .as("%s at %d Hz", name, rate).isEqualTo(name));
        }
    }

    @Test
    void silenceHasNoSpeaker() {
        assertThat(identifier.identify(new AudioClip(new float[RATE], RATE))).isEqualTo(SpeakerIdentification.NO_SPEECH);
        assertThat(identifier.identify(new AudioClip(new float[10], RATE)).speaker())
                .isEqualTo(SpeakerIdentification.NO_SPEECH_LABEL);
    }

    @Test
    void aCorpusIsEnrolledBySpeakerWithoutTheHeldOutIds() throws IOException {
        Path corpus = corpus(Map.of("low", 4, "bright", 3), true);
        SpeakerIdentifier all = SpeakerIdentifier.builder().setCorpus(corpus).build();
        assertThat(all.speakers()).extracting(SpeakerIdentifier.Speaker::name, SpeakerIdentifier.Speaker::recordings)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bright", 3), org.assertj.core.groups.Tuple.tuple("low", 4));
        assertThat(all.source()).isEqualTo(corpus.toString());
        SpeakerIdentifier some = SpeakerIdentifier.builder().setCorpus(corpus).optExcludeIds(Set.of("low-0", "bright-2"))
                .optPerSpeaker(2).build();
        assertThat(some.speakers()).extracting(SpeakerIdentifier.Speaker::recordings).containsExactly(2, 2);
        assertThat(some.identify(SyntheticSpeaker.LOW.utterance(41, RATE, 1.5)).speaker()).isEqualTo("low");
        assertThat(some.identify(SyntheticSpeaker.BRIGHT.utterance(41, RATE, 1.5)).speaker()).isEqualTo("bright");
        // The held-out recordings themselves are identified, not remembered.
        assertThat(some.identify(WavIO.read(corpus.resolve("wavs/low-0.wav"))).speaker()).isEqualTo("low");
        assertThatThrownBy(() -> SpeakerIdentifier.builder().setCorpus(corpus)
                .optExcludeIds(Set.of("bright-0", "bright-1", "bright-2")).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("[bright] left after the 3 held-out ids");
    }

    @Test
    void aCorpusWithoutASpeakerColumnIsRefused() throws IOException {
        Path corpus = corpus(Map.of("low", 2, "bright", 2), false);
        assertThatThrownBy(() -> SpeakerIdentifier.builder().setCorpus(corpus).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no speaker column")
                .hasMessageContaining("id|raw|normalized|speaker");
        Path single = corpus(Map.of("low", 3), true);
        assertThatThrownBy(() -> SpeakerIdentifier.builder().setCorpus(single).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("a single speaker (low)");
    }

    @Test
    void aCorpusWithSomeRowsWithoutASpeakerNamesThem() throws IOException {
        Path corpus = corpus(Map.of("low", 2, "bright", 2), true);
        Path meta = corpus.resolve("metadata.csv");
        Files.writeString(meta, Files.readString(meta).replace("bright-1|some words|some words|bright", "bright-1|some words|some words|"));
        assertThatThrownBy(() -> SpeakerIdentifier.builder().setCorpus(corpus).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("metadata.csv:");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> SpeakerIdentifier.builder().build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a corpus or from recordings");
        assertThatThrownBy(() -> SpeakerIdentifier.builder().addSpeaker("a", List.of(new AudioClip(new float[RATE], RATE)))
                .addSpeaker("b", List.of(SyntheticSpeaker.LOW.utterance(1, RATE, 1))).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no speech").hasMessageContaining("[a]");
        assertThatThrownBy(() -> SpeakerIdentifier.builder().addSpeaker("a", List.of(SyntheticSpeaker.LOW.utterance(1, RATE, 1)))
                .build()).isInstanceOf(InvalidInputException.class).hasMessageContaining("at least two");
        assertThatThrownBy(() -> SpeakerIdentifier.builder().setCorpus(dir).optPerSpeaker(0).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 1");
    }

    @Test
    void accuracyCountsWhereEachRecordingWent() {
        SpeakerIdentification low = identifier.identify(SyntheticSpeaker.LOW.utterance(51, RATE, 1));
        SpeakerIdentification open = identifier.identify(SyntheticSpeaker.OPEN.utterance(51, RATE, 1));
        SpeakerAccuracy a = SpeakerAccuracy.of("low", List.of(low, low, open, SpeakerIdentification.NO_SPEECH));
        assertThat(a.total()).isEqualTo(4);
        assertThat(a.correct()).isEqualTo(2);
        assertThat(a.share()).isEqualTo(0.5);
        assertThat(a.assigned()).containsExactly(Map.entry("(no speech)", 1), Map.entry("low", 2), Map.entry("open", 1));
        assertThat(a.describe()).isEqualTo("50.0% (2 of 4; (no speech) 1, open 1)");
        assertThat(SpeakerAccuracy.of("low", List.of()).share()).isNaN();
        assertThat(SpeakerAccuracy.of("low", List.of()).toJsonMap()).containsEntry("share", null);
    }

    /** Two flite voices, enrolled from a corpus the project's own builder makes; new sentences told apart. */
    @Test
    void fliteSltAndAwbAreToldApart() throws IOException {
        requireFlite();
        StringBuilder lines = new StringBuilder();
        String[] enrol = {"The birch canoe slid on the smooth planks.", "Glue the sheet to the dark blue background.",
            "It is easy to tell the depth of a well.", "These days a chicken leg is a rare dish.",
            "Rice is often served in round bowls.", "The juice of lemons makes fine punch.",
            "The box was thrown beside the parked truck.", "The hogs were fed chopped corn and garbage."};
        for (int i = 0; i < enrol.length; i++) {
            lines.append("s").append(i).append('|').append(enrol[i]).append('\n');
        }
        Path transcripts = Files.writeString(dir.resolve("transcripts.txt"), lines);
        Path corpus = dir.resolve("two");
        CorpusBuilder.builder().setTeachers(List.of(SubprocessTeacher.parse("flite:slt"), SubprocessTeacher.parse("flite:awb")))
                .setTranscripts(transcripts).setOutput(corpus).optThreads(1).build().build();
        SpeakerIdentifier two = SpeakerIdentifier.builder().setCorpus(corpus).build();
        assertThat(two.speakers()).extracting(SpeakerIdentifier.Speaker::recordings).containsExactly(4, 4);
        String[] heldOut = {"Four hours of steady work faced us.", "A large size in stockings is hard to sell.",
            "The boy was there when the sun rose."};
        for (String voice : new String[] {"slt", "awb"}) {
            SubprocessTeacher teacher = SubprocessTeacher.parse("flite:" + voice);
            for (String text : heldOut) {
                SpeakerIdentification r = two.identify(teacher.speak(text));
                assertThat(r.speaker()).as("%s saying '%s': %s", voice, text, r.distances()).isEqualTo("flite-" + voice);
            }
        }
    }

    static void requireFlite() {
        if (SubprocessTeacher.isInstalled("flite")) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("flite is not installed (apt-get install flite); CI must install it");
        }
        Assumptions.assumeTrue(false, "flite is not installed (apt-get install flite); skipping the real-speech test");
    }

    /** An LJ Speech folder of synthetic speakers' utterances, ids NAME-i, with or without a speaker column. */
    private Path corpus(Map<String, Integer> counts, boolean speakerColumn) throws IOException {
        Path root = Files.createDirectories(dir.resolve("corpus-" + counts.hashCode() + "-" + speakerColumn));
        Files.createDirectories(root.resolve("wavs"));
        StringBuilder meta = new StringBuilder();
        List<String> names = new ArrayList<>(counts.keySet());
        java.util.Collections.sort(names);
        for (String name : names) {
            for (int i = 0; i < counts.get(name); i++) {
                String id = name + "-" + i;
                WavIO.write(root.resolve("wavs/" + id + ".wav"), SPEAKERS.get(name).utterance(100 + i, RATE, 1.2));
                meta.append(id).append("|some words|some words").append(speakerColumn ? "|" + name : "").append('\n');
            }
        }
        Files.writeString(root.resolve("metadata.csv"), meta);
        return root;
    }
}
