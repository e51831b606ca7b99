package io.mytts.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolTableTest {

    @Test
    void padIsZeroAndEosIsPresent() {
        SymbolTable t = SymbolTable.of(List.of("<pad>", "<eos>", "a", "b"));
        assertThat(t.padId()).isZero();
        assertThat(t.eosId()).isEqualTo(1);
        assertThat(t.id("b")).isEqualTo(3);
        assertThat(t.id('b')).isEqualTo(3);
        assertThat(t.id("z")).isEqualTo(-1);
        assertThat(t.symbol(2)).isEqualTo("a");
    }

    @Test
    void savedAndLoadedTablesKeepEveryId(@TempDir Path dir) {
        for (SymbolTable t : List.of(SymbolTable.characters(Language.EN), SymbolTable.characters(Language.FA),
                SymbolTable.characters(), SymbolTable.phonemes())) {
            Path file = dir.resolve("symbols.json");
            t.write(file);
            SymbolTable back = SymbolTable.read(file);
            assertThat(back).isEqualTo(t);
            assertThat(back.symbols()).containsExactlyElementsOf(t.symbols());
            assertThat(SymbolTable.fromJson(t.toJson()).symbols()).containsExactlyElementsOf(t.symbols());
        }
    }

    @Test
    void aBareJsonArrayIsAccepted() {
        assertThat(SymbolTable.fromJson("[\"<pad>\", \"<eos>\", \"x\"]").symbols()).containsExactly("<pad>", "<eos>", "x");
    }

    @Test
    void theDefaultTablesDoNotShift() {
        // ids are part of every trained model: these pins change only if someone reorders the lists
        SymbolTable en = SymbolTable.characters(Language.EN);
        assertThat(en.symbols().subList(0, 5)).containsExactly("<pad>", "<eos>", " ", "a", "b");
        assertThat(en.id("z")).isEqualTo(28);
        SymbolTable fa = SymbolTable.characters(Language.FA);
        assertThat(fa.symbols().subList(0, 4)).containsExactly("<pad>", "<eos>", " ", "آ");
        assertThat(SymbolTable.characters(Language.EN, Language.FA).symbols().subList(0, en.size()))
                .containsExactlyElementsOf(en.symbols());
    }

    @Test
    void invalidTablesAreRefusedClearly() {
        assertThatThrownBy(() -> SymbolTable.of(List.of("a", "<eos>"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<pad>");
        assertThatThrownBy(() -> SymbolTable.of(List.of("<pad>", "a"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<eos>");
        assertThatThrownBy(() -> SymbolTable.of(List.of("<pad>", "<eos>", "a", "a")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> SymbolTable.fromJson("{not json")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SymbolTable.fromJson("{\"symbols\": [1, 2]}")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SymbolTable.fromJson("{\"version\": 99, \"symbols\": [\"<pad>\", \"<eos>\"]}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("newer");
        assertThatThrownBy(() -> SymbolTable.of(List.of("<pad>", "<eos>")).symbol(5))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aMissingFileIsAUserError(@TempDir Path dir) {
        assertThatThrownBy(() -> SymbolTable.read(dir.resolve("none.json")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("none.json");
    }

    @Test
    void writingLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        SymbolTable.phonemes().write(dir.resolve("p.json"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("p.json");
        }
    }

    @Test
    void wordIndicesGroupEachWordWithItsSpaceAndPunctuation() {
        CharacterTokenizer chars = new CharacterTokenizer(SymbolTable.characters(Language.EN));
        int[] ids = chars.encode(" hi,  you there.");
        // " hi, " -> 0, " you " -> 1, "there." and <eos> -> 2
        assertThat(chars.symbols().wordIndices(ids))
                .containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2);
        assertThat(chars.symbols().wordIndices(new int[0])).isEmpty();
    }
}
