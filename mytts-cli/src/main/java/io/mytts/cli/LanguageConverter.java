package io.mytts.cli;

import io.mytts.text.Language;
import picocli.CommandLine.ITypeConverter;

/** {@code --lang en|fa}: a language code, refused with the codes there are. */
final class LanguageConverter implements ITypeConverter<Language> {

    @Override
    public Language convert(String value) {
        return Language.fromCode(value);
    }
}
