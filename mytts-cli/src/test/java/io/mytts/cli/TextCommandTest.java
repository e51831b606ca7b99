package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TextCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = MyTTSCommand.newCommandLine(false);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void normalizeEnglishAndPersian() {
        assertThat(run("text", "normalize", "--lang", "en", "Dr. Smith paid $3.50.")).isZero();
        assertThat(run("text", "normalize", "--lang", "fa", "كتاب ۳٫۵")).isZero();
        assertThat(out.toString().lines()).containsExactly("Doctor Smith paid three dollars and fifty cents.",
                "کتاب سه و پنج دهم");
    }

    @Test
    void textComesFromStandardInputWithDash() {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("I am 5.\nYou are 6.".getBytes(StandardCharsets.UTF_8)));
            assertThat(run("text", "normalize", "-")).isZero();
        } finally {
            System.setIn(stdin);
        }
        assertThat(out.toString().lines()).containsExactly("I am five.", "You are six.");
    }

    @Test
    void characterTokensEndWithEos() {
        assertThat(run("text", "tokens", "--tokenizer", "chars", "--lang", "en", "--show", "Hi")).isZero();
        assertThat(out.toString().lines()).containsExactly("10 11 1", "h|i|<eos>");
    }

    @Test
    void badInputExitsWithTwoAndOneLine() {
        assertThat(run("text", "normalize", "--lang", "de", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown language 'de'").hasLineCount(1);
    }
}
