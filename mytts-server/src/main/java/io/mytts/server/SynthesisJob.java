package io.mytts.server;

import io.mytts.synth.SentenceListener;
import io.mytts.synth.SentenceResult;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One request's synthesis, run by a worker: each sentence is handed to the request's thread as
 * soon as it is made, so that it can be sent while the next is decoded. The request's thread
 * cancels the job when the client goes away or the deadline passes; the worker then stops after
 * the sentence it is making.
 */
final class SynthesisJob implements Runnable {

    /** What the worker hands over, in order: sentences, then one {@link Done} or {@link Failed}. */
    sealed interface Event permits Sentence, Done, Failed {}

    /** One sentence: its result, its samples and its cross-attention alignment. */
    record Sentence(SentenceResult result, float[] samples, float[][] alignment) implements Event {}

    record Done(SynthesisResult result) implements Event {}

    record Failed(RuntimeException error) implements Event {}

    private final ServedVoice voice;
    private final String text;
    private final SynthesisOptions options;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final long createdNanos = System.nanoTime();
    private volatile boolean cancelled;
    private volatile long startedNanos;

    SynthesisJob(ServedVoice voice, String text, SynthesisOptions options) {
        this.voice = voice;
        this.text = text;
        this.options = options;
    }

    @Override
    public void run() {
        startedNanos = System.nanoTime();
        if (cancelled) {
            events.add(new Failed(new CancellationException("cancelled before it started")));
            return;
        }
        try {
            SynthesisResult r = voice.synthesizer().synthesize(text, options, new Listener());
            events.add(new Done(r));
        } catch (RuntimeException e) {
            events.add(new Failed(e));
        }
    }

    /** The next event, or null when none came within {@code timeoutNanos}. */
    Event next(long timeoutNanos) throws InterruptedException {
        return events.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    }

    /** Asks the worker to stop after the current sentence (or not to start). */
    void cancel() {
        cancelled = true;
    }

    /** Seconds the job waited in the queue (0 until it started). */
    double queuedSeconds() {
        long s = startedNanos;
        return s == 0 ? 0 : (s - createdNanos) / 1e9;
    }

    private final class Listener implements SentenceListener {
        private float[][] alignment = new float[0][];

        @Override
        public void onAlignment(SentenceResult sentence, float[][] alignment) {
            this.alignment = alignment;
        }

        @Override
        public void onSentence(SentenceResult sentence, float[] samples) {
            events.add(new Sentence(sentence, samples, alignment));
            if (cancelled) {
                throw new CancellationException("the request was cancelled");
            }
        }
    }
}
