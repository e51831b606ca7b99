/**
 * The text front end: what a voice is fed.
 *
 * <p>{@link io.mytts.text.EnglishNormalizer} and {@link io.mytts.text.PersianNormalizer} turn raw
 * text into words (numbers, dates, currency and abbreviations spelled out; one spelling of each
 * Persian letter). {@link io.mytts.text.SentenceSplitter} cuts long input into sentences and caps
 * their length, {@link io.mytts.text.LanguageDetector} picks the language of each sentence from its
 * script, and a {@link io.mytts.text.Tokenizer} ({@link io.mytts.text.CharacterTokenizer} or
 * {@link io.mytts.text.PhonemeTokenizer}, which asks espeak-ng) turns the result into ids of a
 * {@link io.mytts.text.SymbolTable} that is saved with each model. {@link io.mytts.text.TextFrontEnd}
 * ties the steps together.
 */
package io.mytts.text;
