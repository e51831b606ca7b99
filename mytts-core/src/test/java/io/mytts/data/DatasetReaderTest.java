package io.mytts.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

    @TempDir
    Path dir;

    private Dataset lj(String metadata) throws IOException {
        Files.writeString(dir.resolve("metadata.csv"), metadata);
        return new DatasetReader().read(dir);
    }

    @Test
    void readsTwoColumns() throws IOException {
        Dataset d = lj("a1|Hello there.\na2|Second one.\n");
        assertThat(d.format()).isEqualTo(MetadataFormat.LJSPEECH);
        assertThat(d.utterances()).extracting(Utterance::id).containsExactly("a1", "a2");
        assertThat(d.utterances().get(1).text()).isEqualTo("Second one.");
        assertThat(d.utterances().get(0).audio()).isEqualTo(dir.resolve("wavs/a1.wav"));
        assertThat(d.speakers()).isEmpty();
        assertThat(d.skipped()).isEmpty();
    }

    @Test
    void threeColumnsWithSpacesAreRawAndNormalized() throws IOException {
        Dataset d = lj("a1|Dr. Smith, 1st|Doctor Smith, first\na2|Raw only|\n");
        assertThat(d.utterances()).extracting(Utterance::text).containsExactly("Doctor Smith, first", "Raw only");
        assertThat(d.speakers()).isEmpty();
    }

    @Test
    void threeColumnsWithRepeatedNamesAreSpeakers() throws IOException {
        Dataset d = lj("a1|One text.|alice\na2|Two text.|bob\na3|Three.|alice\na4|Four.|bob\n");
        assertThat(d.utterances()).extracting(Utterance::speaker).containsExactly("alice", "bob", "alice", "bob");
        assertThat(d.utterances().get(0).text()).isEqualTo("One text.");
        assertThat(d.speakers()).containsExactly("alice", "bob");
    }

    @Test
    void thirdColumnCanBeForced() throws IOException {
        Files.writeString(dir.resolve("metadata.csv"), "a1|One|Uno\n");
        Dataset asSpeaker = new DatasetReader(DatasetReader.ThirdColumn.SPEAKER).read(dir);
        assertThat(asSpeaker.utterances().get(0).speaker()).isEqualTo("Uno");
        Dataset asText = new DatasetReader(DatasetReader.ThirdColumn.NORMALIZED_TEXT).read(dir);
        assertThat(asText.utterances().get(0).text()).isEqualTo("Uno");
    }

    @Test
    void fourColumnsEndWithSpeaker() throws IOException {
        Dataset d = lj("a1|raw 1|norm one|flite-slt\na2|raw 2|norm two|flite-awb\n");
        assertThat(d.utterances()).extracting(Utterance::text).containsExactly("norm one", "norm two");
        assertThat(d.speakers()).containsExactly("flite-awb", "flite-slt");
    }

    @Test
    void reportsMalformedEmptyAndDuplicateLinesByFileAndLine() throws IOException {
        Dataset d = lj("\uFEFFa1|Fine.\nonly-an-id\na2|   \na1|Again.\n\na3|x|y|z|w|v\na4|Fine too.\n");
        assertThat(d.utterances()).extracting(Utterance::id).containsExactly("a1", "a4");
        assertThat(d.skipped()).extracting(Skipped::reason).containsExactly(SkipReason.MALFORMED_LINE,
                SkipReason.EMPTY_TEXT, SkipReason.DUPLICATE, SkipReason.MALFORMED_LINE);
        assertThat(d.skipped()).extracting(Skipped::source)
                .containsExactly("metadata.csv:2", "metadata.csv:3", "metadata.csv:4", "metadata.csv:6");
        assertThat(d.skipped().get(2).message()).contains("a1").contains("already listed at metadata.csv:1");
    }

    @Test
    void aSpeakerColumnOnSomeRowsOnlyIsRefusedNamingTheOthers() throws IOException {
        assertThatThrownBy(() -> lj("a1|One.|One.|alice\na2|Two.|Two.\na3|Three.|Three.|bob\na4|Four.|Four.|\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2 rows name a speaker but 2 do not")
                .hasMessageContaining("metadata.csv:2 (a2), metadata.csv:4 (a4)");
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "x.wav|Text x.|anna\ny.wav|Text y.\n");
        assertThatThrownBy(() -> new DatasetReader().read(list)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("list.txt:2 (y)");
    }

    @Test
    void readsFileListRelativeToItsFolder() throws IOException {
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "audio/x.wav|Text x.|anna\nsub/y.wav|Text y.|bob\naudio/x.wav|Same file.|anna\n");
        Dataset d = new DatasetReader().read(list);
        assertThat(d.format()).isEqualTo(MetadataFormat.FILE_LIST);
        assertThat(d.utterances()).extracting(Utterance::id).containsExactly("audio/x", "sub/y");
        assertThat(d.utterances().get(0).audio()).isEqualTo(dir.resolve("audio/x.wav").toAbsolutePath());
        assertThat(d.utterances().get(0).speaker()).isEqualTo("anna");
        assertThat(d.utterances().get(1).speaker()).isEqualTo("bob");
        assertThat(d.skipped()).singleElement().satisfies(s -> {
            assertThat(s.reason()).isEqualTo(SkipReason.DUPLICATE);
            assertThat(s.source()).isEqualTo("list.txt:3");
        });
    }

    @Test
    void folderWithoutMetadataIsAClearError() {
        assertThatThrownBy(() -> new DatasetReader().read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("metadata.csv");
        assertThatThrownBy(() -> new DatasetReader().read(dir.resolve("nope"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such");
    }
}
