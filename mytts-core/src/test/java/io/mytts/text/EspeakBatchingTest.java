package io.mytts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batching logic of {@link EspeakPhonemizer}, against a stand-in program that echoes each line,
 * and answers two lines for a line with "SPLIT" in it (as espeak-ng does when it starts a clause).
 */
class EspeakBatchingTest {

    @TempDir
    Path dir;

    private EspeakPhonemizer fake(int parallelism, int linesPerCall) throws Exception {
        Path script = dir.resolve("fake-espeak");
        Files.writeString(script, "#!/bin/sh\nwhile IFS= read -r line; do\n  case \"$line\" in\n"
                + "    *SPLIT*) echo first; echo second ;;\n    *) echo \"$line\" ;;\n  esac\ndone\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return EspeakPhonemizer.builder().optExecutable(script.toString()).optParallelism(parallelism)
                .optMaxLinesPerCall(linesPerCall).build();
    }

    @Test
    void aLineThatComesBackAsTwoIsFoundAndJoined() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            texts.add(i == 123 ? "a SPLIT b" : "w" + i);
        }
        for (EspeakPhonemizer p : List.of(fake(1, 10_000), fake(4, 10_000), fake(3, 7))) {
            List<String> out = p.phonemize(texts, Language.EN);
            assertThat(out).hasSize(300);
            assertThat(out.get(123)).isEqualTo("first second");
            assertThat(out.get(122)).isEqualTo("w122");
            assertThat(out.get(299)).isEqualTo("w299");
        }
    }

    @Test
    void pausesAreCutOutAndWrittenBack() throws Exception {
        assertThat(fake(1, 100).phonemize("one, two. three 3.5 U.S, 'quoted' four؟", Language.EN))
                .isEqualTo("one, two. three 3.5 U.S, quoted four?");
    }
}
