package io.mytts.server;

import io.mytts.ssml.SsmlDocument;
import io.mytts.synth.AudioSink;
import io.mytts.synth.SentenceListener;
import io.mytts.synth.SentenceResult;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One request's synthesis, run by a worker: each sentence is handed to the request's thread as
 * soon as it is made, so that it can be sent while the next is decoded. The request's thread
 * cancels the job when the client goes away or the deadline passes; the worker then stops after
 * the sentence it is making.
 *
 * <p>A streamed job goes through {@code Synthesizer.stream}, so that what is sent is exactly the
 * request's audio, pauses included: the sentence pause, an SSML break (which replaces it and the
 * voice's own quiet next to it), the trailing silence. Each event carries the audio written since
 * the one before.
 */
final class SynthesisJob implements Runnable {

    /** What the worker hands over, in order: sentences, then one {@link Done} or {@link Failed}. */
    sealed interface Event permits Sentence, Done, Failed {}

    /**
     * One sentence: its result, the audio written since the previous event (the pause before it,
     * the sentence, but not its quiet end, held until it is known whether a break follows; empty
     * for a job that is not streamed) and its cross-attention alignment.
     */
    record Sentence(SentenceResult result, float[] samples, float[][] alignment) implements Event {}

    /**
     * @param result the whole request's result (its audio only when the job was not streamed)
     * @param tail the audio written after the last sentence's event (its quiet end, a final break)
     */
    record Done(SynthesisResult result, float[] tail) implements Event {}

    record Failed(RuntimeException error) implements Event {}

    private final ServedVoice voice;
    private final SsmlDocument document;
    private final SynthesisOptions options;
    private final boolean streamed;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Written written = new Written();
    private final long createdNanos = System.nanoTime();
    private volatile boolean cancelled;
    private volatile long startedNanos;

    /** @param streamed true: the audio comes with the events; false: in the result, for one file */
    SynthesisJob(ServedVoice voice, SsmlDocument document, SynthesisOptions options, boolean streamed) {
        this.voice = voice;
        this.document = document;
        this.options = options;
        this.streamed = streamed;
    }

    @Override
    public void run() {
        startedNanos = System.nanoTime();
        if (cancelled) {
            events.add(new Failed(new CancellationException("cancelled before it started")));
            return;
        }
        try {
            SynthesisResult r = streamed
                    ? voice.synthesizer().stream(document, options, new Listener(), written)
                    : voice.synthesizer().synthesize(document, options, new Listener());
            events.add(new Done(r, written.take()));
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

    /** The audio the synthesizer wrote since the last event. */
    private static final class Written implements AudioSink {
        private final List<float[]> pieces = new ArrayList<>();

        @Override
        public synchronized void write(float[] samples) {
            pieces.add(samples);
        }

        /** What was written since the last call, joined; it is then forgotten. */
        synchronized float[] take() {
            int n = pieces.stream().mapToInt(p -> p.length).sum();
            float[] out = new float[n];
            int at = 0;
            for (float[] p : pieces) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            pieces.clear();
            return out;
        }
    }

    private final class Listener implements SentenceListener {
        private float[][] alignment = new float[0][];

        @Override
        public void onAlignment(SentenceResult sentence, float[][] alignment) {
            this.alignment = alignment;
        }

        @Override
        public void onSentence(SentenceResult sentence, float[] samples) {
            events.add(new Sentence(sentence, written.take(), alignment));
            if (cancelled) {
                throw new CancellationException("the request was cancelled");
            }
        }
    }
}
