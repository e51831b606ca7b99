package io.mytts.ssml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import io.mytts.ssml.SsmlDocument.Mark;
import io.mytts.ssml.SsmlDocument.Part;
import io.mytts.ssml.SsmlDocument.Pause;
import io.mytts.ssml.SsmlDocument.Text;
import io.mytts.text.Language;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SsmlDocumentTest {

    private static List<Part> parts(String body) {
        return SsmlDocument.parse("<speak>" + body + "</speak>").parts();
    }

    private static Text text(Part p) {
        assertThat(p).isInstanceOf(Text.class);
        return (Text) p;
    }

    @Test
    void plainTextIsOnePartInTheVoicesStyle() {
        assertThat(parts("Hello   there,\n  world.")).containsExactly(
                new Text("Hello there, world.", null, Style.DEFAULT, false));
    }

    @Test
    void aBreakSplitsTheTextAndCarriesItsTime() {
        List<Part> p = parts("One. <break time=\"1s\"/> Two. <break time=\"250ms\"/><break strength=\"strong\"/>Three.");
        assertThat(p).hasSize(6);
        assertThat(text(p.get(0)).text()).isEqualTo("One.");
        assertThat(p.get(1)).isEqualTo(new Pause(1.0));
        assertThat(p.get(3)).isEqualTo(new Pause(0.25));
        assertThat(p.get(4)).isEqualTo(new Pause(0.7));
        assertThat(text(p.get(5)).text()).isEqualTo("Three.");
    }

    @Test
    void sayAsCharactersSpellsAndSubSaysItsAlias() {
        Text t = text(parts("The <say-as interpret-as=\"characters\">NASA</say-as> site of"
                + " <sub alias=\"World Wide Web Consortium\">W3C</sub>.").get(0));
        assertThat(t.text()).isEqualTo("The N A S A site of World Wide Web Consortium .");
    }

    @Test
    void sayAsReadsNumbersDatesAndPhonesWithTheNormalisersRules() {
        Text t = text(parts("<say-as interpret-as=\"ordinal\">3</say-as> on"
                + " <say-as interpret-as=\"date\" format=\"dmy\">05/12/2024</say-as>, call"
                + " <say-as interpret-as=\"telephone\">(555) 123-4567</say-as>").get(0));
        assertThat(t.text()).isEqualTo("third on December fifth, twenty twenty-four , call five five five, one two"
                + " three, four five six seven");
    }

    @Test
    void persianSayAsFollowsXmlLang() {
        Text t = text(SsmlDocument.parse("<speak xml:lang=\"fa-IR\"><say-as interpret-as=\"date\">۱۴۰۲/۰۵/۱۲</say-as>"
                + "</speak>").parts().get(0));
        assertThat(t.text()).isEqualTo("دوازدهم مرداد هزار و چهارصد و دو");
        assertThat(t.style().language()).isEqualTo(Language.FA);
    }

    @Test
    void prosodyNestsAndEndsWithItsElement() {
        List<Part> p = parts("Normal <prosody rate=\"150%\" pitch=\"+2st\" volume=\"+6dB\">fast"
                + " <prosody rate=\"2\" pitch=\"-1st\">faster</prosody></prosody> normal again");
        assertThat(p).extracting(x -> text(x).text()).containsExactly("Normal", "fast", "faster", "normal again");
        assertThat(text(p.get(1)).style().rate()).isEqualTo(1.5);
        assertThat(text(p.get(1)).style().gain()).isCloseTo(Math.pow(10, 6 / 20.0), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(text(p.get(2)).style().rate()).isEqualTo(3.0);
        assertThat(text(p.get(2)).style().pitchSemitones()).isEqualTo(1.0);
        assertThat(text(p.get(3)).style()).isEqualTo(Style.DEFAULT);
        assertThat(text(p.get(3)).continuesSentence()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"x-slow, 0.5", "fast, 1.25", "+20%, 1.2", "-50%, 0.5", "80%, 0.8", "1.5, 1.5"})
    void rates(String value, double expected) {
        assertThat(ProsodyValues.rate(value)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void sentencesAndParagraphsEndSentences() {
        List<Part> p = parts("<p><s>First one</s><s>second one</s></p><p>Third</p>");
        assertThat(p).extracting(x -> text(x).continuesSentence()).containsExactly(false, false, false);
        assertThat(p).extracting(x -> text(x).text()).containsExactly("First one", "second one", "Third");
    }

    @Test
    void marksComeInOrder() {
        List<Part> p = parts("<mark name=\"start\"/>Hello <mark name=\"middle\"/>world<mark name=\"end\"/>");
        assertThat(p).containsExactly(new Mark("start"), new Text("Hello", null, Style.DEFAULT, false),
                new Mark("middle"), new Text("world", null, Style.DEFAULT, true), new Mark("end"));
    }

    @Test
    void emphasisLangVoiceAndPhonemeShapeTheStyle() {
        List<Part> p = parts("<emphasis level=\"strong\">Yes</emphasis> <lang xml:lang=\"fa\">سلام</lang>"
                + " <voice name=\"slt\" speaker=\"2\">hi</voice> <phoneme alphabet=\"ipa\" ph=\"təˈmɑːtoʊ\">tomato</phoneme>");
        assertThat(text(p.get(0)).style().rate()).isLessThan(1);
        assertThat(text(p.get(0)).style().gain()).isGreaterThan(1);
        assertThat(text(p.get(1)).style().language()).isEqualTo(Language.FA);
        assertThat(text(p.get(2)).style().voice()).isEqualTo("slt");
        assertThat(text(p.get(2)).style().speaker()).isEqualTo("2");
        assertThat(text(p.get(3))).isEqualTo(new Text("tomato", "təˈmɑːtoʊ", Style.DEFAULT, true));
    }

    @Test
    void unsupportedElementsAreReportedOnceAndTheirTextSpoken() {
        SsmlDocument d = SsmlDocument.parse("<speak><foo>one</foo> <foo>two</foo> <audio src=\"x.wav\">three</audio>"
                + "<desc>not this</desc></speak>");
        assertThat(text(d.parts().get(0)).text()).isEqualTo("one two three");
        assertThat(d.warnings()).hasSize(2);
        assertThat(d.warnings().get(0)).contains("<foo>");
    }

    @Test
    void errorsGiveLineAndColumn() {
        assertThatThrownBy(() -> SsmlDocument.parse("<speak>\n  <s>Hi</speak>")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SSML line 2, column");
        assertThatThrownBy(() -> SsmlDocument.parse("<speak>\n<break time=\"soon\"/></speak>"))
                .hasMessageContaining("line 2").hasMessageContaining("break time 'soon'");
        assertThatThrownBy(() -> SsmlDocument.parse("<voice>hi</voice>")).hasMessageContaining("<speak>");
        assertThatThrownBy(() -> SsmlDocument.parse("<speak><say-as>1</say-as></speak>"))
                .hasMessageContaining("interpret-as");
    }

    @Test
    void anExternalFileEntityIsRefusedAndTheFileNotRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String ssml = "<?xml version=\"1.0\"?>\n<!DOCTYPE speak [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<speak>&x;</speak>";
        assertThatThrownBy(() -> SsmlDocument.parse(ssml)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("DOCTYPE is not allowed").hasMessageContaining("line 2")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void anExternalEntityAtAnAddressIsNeverFetched() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/entity";
            for (String ssml : List.of(
                    "<!DOCTYPE speak [<!ENTITY x SYSTEM \"" + url + "\">]><speak>&x;</speak>",
                    "<!DOCTYPE speak SYSTEM \"" + url + "\"><speak>hi</speak>",
                    "<!DOCTYPE speak [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><speak>hi</speak>")) {
                assertThatThrownBy(() -> SsmlDocument.parse(ssml)).hasMessageContaining("DOCTYPE");
            }
            server.setSoTimeout(300);
            assertThatThrownBy(server::accept).as("nobody connected to the entity's address")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void anInternalEntityIsRefusedToo() {
        assertThatThrownBy(() -> SsmlDocument.parse("<!DOCTYPE speak [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
                + "<speak>&b;</speak>")).hasMessageContaining("DOCTYPE");
    }
}
