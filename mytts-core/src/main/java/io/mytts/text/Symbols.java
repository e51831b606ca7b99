package io.mytts.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The default symbol inventories. Their order fixes ids, so symbols are only ever appended:
 * models store their own list anyway (see {@link SymbolTable#toJson()}).
 */
final class Symbols {

    static final String SPACE = " ";

    /** English: lower-case letters (the character tokenizer lower-cases) and sentence punctuation. */
    private static final String ENGLISH = "abcdefghijklmnopqrstuvwxyz'.,!?;:-\"";

    /**
     * Persian: the 32 letters, hamza forms that survive normalisation (أ ؤ inside words), the zero-width non-joiner,
     * Persian punctuation and the short-vowel diacritics (fatha..sukun, hamza above, superscript alef).
     */
    private static final String PERSIAN = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءئ\u200C"
            + "،؛؟«».!:-…'"
            + "\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0654\u0670"
            + "أؤ"; // appended later: hamza on alef and waw, kept inside words by the normaliser

    /**
     * IPA as espeak-ng writes it (letters, stress and length marks, modifiers, combining marks), the
     * digit 1 that espeak-ng's Persian voice leaves in "q1", and the punctuation the phonemizer keeps.
     */
    private static final String IPA = "abcdefghijklmnopqrstuvwxyz"
            + "æçðøħŋœɐɑɒɓɔɕɖɗɘəɚɛɜɝɞɟɠɡɢɣɤɥɦɧɨɪɫɬɭɮɯɰɱɲɳɴɵɶɸɹɺɻɽɾʀʁʂʃʄʈʉʊʋʌʍʎʏʐʑʒʔʕʘʙʛʜʝʟʡʢʤʧ"
            + "ʰʱʲʷˈˌːˑˠˤ˞ᵻθβχⱱ"
            + "\u0303\u0329\u032A\u0361\u0306\u031A\u0325\u032F"
            + "1"
            + ".,!?;:-";

    private Symbols() {}

    static List<String> characters(Language... languages) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        out.add(SPACE);
        for (Language l : languages.length == 0 ? Language.values() : languages) {
            addCodePoints(out, l == Language.FA ? PERSIAN : ENGLISH);
        }
        return new ArrayList<>(out);
    }

    static List<String> phonemes() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        out.add(SPACE);
        addCodePoints(out, IPA);
        return new ArrayList<>(out);
    }

    private static void addCodePoints(LinkedHashSet<String> out, String s) {
        s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
    }
}
