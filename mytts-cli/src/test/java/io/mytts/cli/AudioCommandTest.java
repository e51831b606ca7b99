package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mytts.audio.AudioClip;
import io.mytts.audio.Npy;
import io.mytts.audio.NpyArray;
import io.mytts.audio.WavIO;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class AudioCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = MyTTSCommand.newCommandLine(false);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static Path reference(String name) {
        String shared = System.getProperty("mytts.shared.dir", "../../shared");
        return Path.of(shared, "data", "reference", name);
    }

    @Test
    void melOfTheReferenceChirpMatchesTheReferenceLogMel() {
        Path npy = dir.resolve("chirp.npy");
        int status = run("audio", "mel", reference("chirp.wav").toString(), "-o", npy.toString());

        assertThat(status).as(err.toString()).isZero();
        float[][] got = Npy.readMatrix(npy);
        float[][] want = Npy.readMatrix(reference("chirp.logmel.npy"));
        assertThat(got.length).isEqualTo(129);
        for (int t = 0; t < got.length; t++) {
            assertThat(got[t]).containsExactly(want[t], within(1e-3f));
        }
        assertThat(out.toString()).contains("(129, 80)");
    }

    @Test
    void melResamplesToTheModelRateFirstAndInvertWritesAudio() {
        float[] tone = new float[16000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        Path wav = dir.resolve("tone16k.wav");
        WavIO.write(wav, tone, 16000);
        Path npy = dir.resolve("tone.npy");

        assertThat(run("audio", "mel", wav.toString(), "-o", npy.toString())).as(err.toString()).isZero();

        NpyArray mel = Npy.read(npy);
        int samples22k = 22050; // one second
        assertThat(mel.shape()).containsExactly(1 + (samples22k + 768 - 1024) / 256, 80);

        Path back = dir.resolve("back.wav");
        assertThat(run("audio", "invert", npy.toString(), "-o", back.toString(), "--iterations", "4"))
                .as(err.toString()).isZero();
        AudioClip clip = WavIO.read(back);
        assertThat(clip.sampleRate()).isEqualTo(22050);
        assertThat(clip.samples()).hasSize(mel.shape()[0] * 256);
    }

    @Test
    void invertNamesAnOutputAfterTheInputByDefault() {
        Path npy = dir.resolve("some.npy");
        Npy.write(npy, new float[10][80]);
        assertThat(run("audio", "invert", npy.toString(), "--iterations", "1")).as(err.toString()).isZero();
        assertThat(dir.resolve("some.wav")).exists();
    }

    private void assertBadInput(int status, String fileName, String problem) {
        assertThat(status).as("exit status; stderr: " + err).isEqualTo(2);
        String message = err.toString();
        assertThat(message.strip().lines()).as("one line").hasSize(1);
        assertThat(message).contains(fileName).contains(problem).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aTextFileIsNotAWav() throws IOException {
        Path f = Files.writeString(dir.resolve("notes.wav"), "this is text");
        assertBadInput(run("audio", "mel", f.toString(), "-o", dir.resolve("x.npy").toString()), "notes.wav", "not a WAV");
    }

    @Test
    void anEmptyWav() throws IOException {
        Path f = Files.write(dir.resolve("empty.wav"), new byte[0]);
        assertBadInput(run("audio", "mel", f.toString()), "empty.wav", "empty");
    }

    @Test
    void aTruncatedWav() throws IOException {
        Path good = dir.resolve("good.wav");
        WavIO.write(good, new float[1000], 22050);
        byte[] b = Files.readAllBytes(good);
        Path f = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(b, 500));
        assertBadInput(run("audio", "mel", f.toString()), "cut.wav", "truncated");
    }

    @Test
    void aWavTooShortForOneFrame() {
        Path f = dir.resolve("blip.wav");
        WavIO.write(f, new float[100], 22050);
        assertBadInput(run("audio", "mel", f.toString()), "blip.wav", "too short");
    }

    @Test
    void anNpyWithNoFrames() {
        Path f = dir.resolve("none.npy");
        Npy.write(f, new float[0][80], 80);
        assertBadInput(run("audio", "invert", f.toString()), "none.npy", "no frames");
    }

    @Test
    void aMissingWav() {
        assertBadInput(run("audio", "mel", dir.resolve("absent.wav").toString()), "absent.wav", "no such file");
    }

    @ParameterizedTest(name = "via MyTTSCommand.execute: {0}")
    @ValueSource(strings = {"absent.npy", "garbage.npy"})
    void executeReturnsStatus2ForBadFiles(String name) throws IOException {
        Path f = dir.resolve(name);
        if (name.startsWith("garbage")) {
            Files.writeString(f, "garbage");
        }
        assertThat(MyTTSCommand.execute("audio", "invert", f.toString(), "-o", dir.resolve("o.wav").toString())).isEqualTo(2);
    }

    @Test
    void anNpyOfTheWrongShape() {
        Path f = dir.resolve("wide.npy");
        Npy.write(f, new float[5][40]);
        assertBadInput(run("audio", "invert", f.toString()), "wide.npy", "(5, 40)");
    }

    @Test
    void anNpyOfTheWrongDtype() throws IOException {
        String header = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 80), }";
        header = header + " ".repeat(128 - 10 - header.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * 160).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        Path f = Files.write(dir.resolve("ints.npy"), b.array());
        assertBadInput(run("audio", "invert", f.toString()), "ints.npy", "<i4");
    }

    @Test
    void anNpyThatIsNotALogMel() {
        Path f = dir.resolve("linear.npy");
        float[][] m = new float[3][80];
        m[1][5] = Float.NaN;
        Npy.write(f, m);
        assertBadInput(run("audio", "invert", f.toString()), "linear.npy", "NaN");
    }

    @Test
    void badIterationsAreBadInput() {
        Path f = dir.resolve("ok.npy");
        Npy.write(f, new float[3][80]);
        assertBadInput(run("audio", "invert", f.toString(), "--iterations", "-1"), "audio invert", "iterations");
    }
}
