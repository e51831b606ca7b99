package io.mytts.ssml;

import io.mytts.InvalidInputException;
import io.mytts.text.Language;
import io.mytts.text.SayAs;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * SSML to an {@link SsmlDocument} with the JDK's SAX parser, hardened: secure processing on, any
 * DOCTYPE refused (so no DTD, internal or external, and no entity of any kind is read), external
 * entities and DTD loading off, no XInclude, and an entity resolver that refuses everything in
 * case a feature were ignored. One parser per document (SAX parsers are not thread-safe).
 */
final class SsmlParser {

    /** Elements whose text is spoken as if they were not there, without a warning. */
    private static final Set<String> TRANSPARENT = Set.of("token", "w");
    /** Elements whose content is not speech. */
    private static final Set<String> SILENT = Set.of("desc", "lexicon", "meta", "metadata", "lookup");

    private final Language defaultLanguage;

    /** @param defaultLanguage the language of text without xml:lang; null: English unless in Arabic script */
    SsmlParser(Language defaultLanguage) {
        this.defaultLanguage = defaultLanguage;
    }

    SsmlDocument parse(String ssml) {
        if (ssml == null || ssml.isBlank()) {
            throw new InvalidInputException("nothing to say: the SSML document is empty");
        }
        Handler handler = new Handler(defaultLanguage);
        try {
            SAXParser parser = factory().newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.parse(new InputSource(new StringReader(ssml)), handler);
        } catch (SAXParseException e) {
            throw new InvalidInputException("SSML line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + explain(e), e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new InvalidInputException("SSML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("reading SSML from a string failed", e);
        }
        return handler.document();
    }

    private static SAXParserFactory factory() throws ParserConfigurationException, SAXException {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f;
    }

    private static String explain(SAXParseException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("DOCTYPE")) {
            return "a DOCTYPE is not allowed in SSML here (DTDs and entities are refused so that a document cannot"
                    + " make the server read files or addresses); remove it";
        }
        return m;
    }

    /** Builds the parts while SAX walks the document. */
    private static final class Handler extends DefaultHandler {
        private final List<SsmlDocument.Part> parts = new ArrayList<>();
        private final Set<String> warnings = new LinkedHashSet<>();
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private final Language defaultLanguage;
        private Locator locator;
        /** Whether the text being gathered goes on the sentence of the previous text part. */
        private boolean continues;
        private boolean sentenceOpen;

        /** What an open element contributes: its style, and what becomes of its text. */
        private record Frame(String name, Style style, Content content, StringBuilder own, Attributes attributes) {}

        private enum Content { SPEAK, IGNORE, GATHER }

        Handler(Language defaultLanguage) {
            this.defaultLanguage = defaultLanguage;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public org.xml.sax.InputSource resolveEntity(String publicId, String systemId) throws SAXException {
            throw new SAXParseException("entities are not allowed in SSML (" + systemId + ")", locator);
        }

        SsmlDocument document() {
            return new SsmlDocument(parts, List.copyOf(warnings));
        }

        private Style style() {
            return stack.isEmpty() ? Style.DEFAULT : stack.peek().style();
        }

        private Content content() {
            return stack.isEmpty() ? Content.SPEAK : stack.peek().content();
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) throws SAXException {
            String name = localName.isEmpty() ? qName : localName;
            if (stack.isEmpty() && !name.equals("speak")) {
                throw error("the root element is <" + name + ">; an SSML document is one <speak> element");
            }
            Style style = style();
            Content content = content() == Content.SPEAK ? Content.SPEAK : Content.IGNORE;
            StringBuilder own = null;
            try {
                switch (name) {
                    case "speak", "lang" -> style = style.withLanguage(language(a, style, name));
                    case "p", "s" -> {
                        endSentence();
                        style = style.withLanguage(language(a, style, name));
                    }
                    case "break" -> {
                        flush(style);
                        parts.add(new SsmlDocument.Pause(ProsodyValues.breakSeconds(attr(a, "time"), attr(a, "strength"))));
                    }
                    case "prosody" -> style = prosody(a, style);
                    case "emphasis" -> style = emphasis(attr(a, "level"), style);
                    case "voice" -> style = voice(a, style);
                    case "mark" -> {
                        flush(style);
                        parts.add(new SsmlDocument.Mark(required(a, "mark", "name")));
                    }
                    case "say-as", "phoneme" -> {
                        content = content == Content.SPEAK ? Content.GATHER : content;
                        own = new StringBuilder();
                    }
                    case "sub" -> {
                        if (content == Content.SPEAK) {
                            text.append(' ').append(required(a, "sub", "alias")).append(' ');
                        }
                        content = Content.IGNORE;
                    }
                    case "audio" -> warn("<audio> is not played; its text is spoken instead");
                    default -> {
                        if (SILENT.contains(name)) {
                            content = Content.IGNORE;
                        } else if (!TRANSPARENT.contains(name)) {
                            warn("<" + name + "> is not supported; its text is spoken");
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
            if (!style.equals(style())) {
                flush(style());
            }
            stack.push(new Frame(name, style, content, own, a.getLength() == 0 ? null : new org.xml.sax.helpers.AttributesImpl(a)));
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            Frame f = stack.pop();
            switch (f.name()) {
                case "say-as" -> {
                    if (f.content() == Content.GATHER) {
                        text.append(' ').append(sayAs(f)).append(' ');
                    }
                }
                case "phoneme" -> {
                    if (f.content() == Content.GATHER) {
                        phoneme(f);
                    }
                }
                case "p", "s" -> endSentence();
                default -> { }
            }
            if (stack.isEmpty() || !f.style().equals(style())) {
                flush(f.style());
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            Frame top = stack.peek();
            if (top == null) {
                return;
            }
            if (top.content() == Content.GATHER) {
                top.own().append(ch, start, length);
            } else if (top.content() == Content.SPEAK) {
                text.append(ch, start, length);
            }
        }

        private String sayAs(Frame f) throws SAXException {
            String interpretAs = attr(f.attributes(), "interpret-as");
            if (interpretAs == null) {
                throw error("<say-as> needs an interpret-as attribute (characters, cardinal, ordinal, digits, date,"
                        + " time, telephone)");
            }
            Optional<SayAs.Kind> kind = SayAs.Kind.of(interpretAs);
            String raw = f.own().toString();
            if (kind.isEmpty()) {
                warn("say-as interpret-as=\"" + interpretAs + "\" is not supported; its text is read as usual");
                return raw;
            }
            Language l = f.style().language() != null ? f.style().language() : languageOf(raw);
            return SayAs.read(kind.get(), raw, attr(f.attributes(), "format"), l);
        }

        /** The document's default language for say-as: Persian when the text is in Arabic script. */
        private Language languageOf(String raw) {
            if (defaultLanguage != null) {
                return defaultLanguage;
            }
            return raw.chars().anyMatch(c -> c >= 0x0600 && c <= 0x06FF) ? Language.FA : Language.EN;
        }

        /** IPA for phoneme voices; a synthesizer with a character voice says the element's text. */
        private void phoneme(Frame f) throws SAXException {
            String ph = attr(f.attributes(), "ph");
            if (ph == null) {
                throw error("<phoneme> needs a ph attribute (the pronunciation in IPA)");
            }
            String alphabet = attr(f.attributes(), "alphabet");
            String words = f.own().toString().strip();
            if (alphabet != null && !alphabet.equalsIgnoreCase("ipa")) {
                warn("phoneme alphabet \"" + alphabet + "\" is not supported (only ipa); its text is spoken");
                text.append(' ').append(words).append(' ');
                return;
            }
            flush(f.style());
            parts.add(new SsmlDocument.Text(words, ph.strip(), f.style(), continues));
            continues = true;
        }

        /** Text gathered so far becomes a part in {@code style}. */
        private void flush(Style style) {
            String t = text.toString().replaceAll("\\s+", " ").strip();
            text.setLength(0);
            if (!t.isEmpty()) {
                parts.add(new SsmlDocument.Text(t, null, style, continues));
                continues = true;
            }
        }

        private void endSentence() {
            flush(style());
            continues = false;
        }

        private Language language(Attributes a, Style style, String element) {
            String lang = a.getValue(XMLConstants.XML_NS_URI, "lang");
            if (lang == null) {
                if (element.equals("lang")) {
                    throw new IllegalArgumentException("<lang> needs an xml:lang attribute (en or fa)");
                }
                return style.language();
            }
            String primary = lang.trim().split("[-_]")[0].toLowerCase(Locale.ROOT);
            for (Language l : Language.values()) {
                if (l.code().equals(primary)) {
                    return l;
                }
            }
            warn("xml:lang \"" + lang + "\" is not a language MyTTS reads (en, fa); that text is read in the"
                    + " surrounding language");
            return style.language();
        }

        private Style prosody(Attributes a, Style style) {
            double rate = attr(a, "rate") == null ? 1 : ProsodyValues.rate(attr(a, "rate"));
            double semitones = 0;
            if (attr(a, "pitch") != null) {
                semitones = ProsodyValues.pitchSemitones(attr(a, "pitch"));
                if (Double.isNaN(semitones)) {
                    warn("prosody pitch in Hz is not supported (give semitones, such as +2st, or a percentage);"
                            + " the pitch is left as it is");
                    semitones = 0;
                }
            }
            double gain = attr(a, "volume") == null ? 1 : ProsodyValues.gain(attr(a, "volume"));
            for (String unsupported : new String[] {"duration", "contour", "range"}) {
                if (attr(a, unsupported) != null) {
                    warn("prosody " + unsupported + " is not supported; it is ignored");
                }
            }
            return style.withProsody(rate, semitones, gain);
        }

        /**
         * Emphasis approximated with prosody, as the model has no stress control: strong is
         * slower, louder and a semitone higher; moderate half as much; reduced faster and softer.
         */
        private Style emphasis(String level, Style style) {
            String l = level == null ? "moderate" : level.trim().toLowerCase(Locale.ROOT);
            return switch (l) {
                case "strong" -> style.withProsody(0.85, 1.0, 1.4);
                case "moderate" -> style.withProsody(0.92, 0.5, 1.2);
                case "reduced" -> style.withProsody(1.1, -0.5, 0.7);
                case "none" -> style;
                default -> throw new IllegalArgumentException("emphasis level '" + level
                        + "' is not one of strong, moderate, none, reduced");
            };
        }

        private Style voice(Attributes a, Style style) {
            // A speaker of a multi-speaker voice, by name or row number; the synthesizer checks it.
            String speaker = attr(a, "speaker") != null ? attr(a, "speaker") : attr(a, "variant");
            if (speaker != null && speaker.isBlank()) {
                throw new IllegalArgumentException("voice speaker is empty; give a speaker name or number");
            }
            for (String unsupported : new String[] {"gender", "age", "languages"}) {
                if (attr(a, unsupported) != null) {
                    warn("voice " + unsupported + " is not supported (choose a voice by name); it is ignored");
                }
            }
            return style.withVoice(attr(a, "name"), speaker == null ? null : speaker.strip());
        }

        private void warn(String message) {
            warnings.add(message);
        }

        private SAXParseException error(String message) {
            return new SAXParseException(message, locator);
        }

        private static String attr(Attributes a, String name) {
            if (a == null) {
                return null;
            }
            String v = a.getValue("", name);
            return v != null ? v : a.getValue(name);
        }

        private static String required(Attributes a, String element, String name) {
            String v = attr(a, name);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("<" + element + "> needs a " + name + " attribute");
            }
            return v;
        }
    }
}
