package io.mytts.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mytts.InvalidInputException;

import java.net.URI;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The benchmark client against a real server, small: its counts add up and nothing fails on the server. */
class ServerBenchmarkTest {

    @Test
    void aSmallSoakCountsEveryRequestAndFindsNoServerError() throws Exception {
        try (MyTTSServer server = TestServers.builder().optWorkers(2).optQueue(8).build().start()) {
            ServerBenchmark bench = ServerBenchmark.builder().setUrl(URI.create("http://127.0.0.1:" + server.port()))
                    .optStreamText("One sentence. And another.").optStreamRepeats(1).optRequests(8).optClients(2)
                    .optWarmup(0).optMalformedShare(0.5).optSeed(4).optMemoryInterval(Duration.ofMillis(20)).build();
            bench.awaitReady(Duration.ofSeconds(10));
            List<ServerBenchmark.StreamTiming> timings = bench.streaming();
            assertThat(timings).hasSize(1);
            assertThat(timings.get(0).firstByteMillis()).isLessThanOrEqualTo(timings.get(0).totalMillis());
            assertThat(timings.get(0).audioSeconds()).isGreaterThan(0.5);
            ServerBenchmark.SoakReport soak = bench.soak();
            assertThat(soak.statuses().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(8);
            assertThat(soak.statuses()).containsEntry(400, soak.malformed()).containsEntry(200, 8 - soak.malformed());
            assertThat(soak.serverErrors()).isZero();
            assertThat(soak.p50Millis()).isLessThanOrEqualTo(soak.p95Millis()).isLessThanOrEqualTo(soak.p99Millis());
            assertThat(soak.rssEnd()).isPositive();
            assertThat(soak.underLoad().samples()).isNotEmpty();
            assertThat(Arrays.stream(soak.underLoad().samples()).min().orElseThrow()).isPositive();
            assertThat(soak.underLoad().peak()).isGreaterThanOrEqualTo(soak.underLoad().late());
            assertThat(ServerBenchmark.describe(soak)).contains("8 requests (" + soak.malformed()
                    + " malformed) from 2 clients");
        }
    }

    private static ServerBenchmark.Builder offline() {
        return ServerBenchmark.builder().setUrl(URI.create("http://127.0.0.1:9/")).optMalformedShare(0.05).optSeed(3);
    }

    @Test
    void everyWellFormedRequestNamesTheChosenVoiceInAllThreeApis() {
        List<ServerBenchmark.Planned> plan = offline().optVoice("slt-forward").build().plan(400);
        List<ServerBenchmark.Planned> good = plan.stream().filter(p -> !p.malformed()).toList();
        assertThat(good).allSatisfy(p -> assertThat(p.json() == null ? p.path() : p.json())
                .containsAnyOf("\"voice\":\"slt-forward\"", "&VOICE=slt-forward"));
        assertThat(good).extracting(p -> p.path().replaceAll("\\?.*", ""))
                .contains("/api/tts", "/v1/audio/speech", "/process");
        assertThat(plan.size() - good.size()).isBetween(8, 35); // 5% of 400 is 20
    }

    @Test
    void withoutAVoiceTheServerChooses() {
        List<ServerBenchmark.Planned> plan = offline().build().plan(100);
        assertThat(plan).filteredOn(p -> !p.malformed()).allSatisfy(p -> {
            assertThat(p.path()).doesNotContain("VOICE=");
            if (p.json() != null) {
                assertThat(p.json()).satisfiesAnyOf(j -> assertThat(j).doesNotContain("\"voice\""),
                        j -> assertThat(j).contains("\"voice\":\"alloy\""));
            }
        });
    }

    @Test
    void theSamePlanForTheSameSeed() {
        assertThat(offline().build().plan(50)).isEqualTo(offline().build().plan(50))
                .isNotEqualTo(offline().optSeed(4).build().plan(50));
    }

    @Test
    void aBlankVoiceIsRefused() {
        assertThatThrownBy(() -> offline().optVoice(" ").build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--voice");
    }

    @Test
    void aServerThatDoesNotAnswerIsNotReady() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        ServerBenchmark bench = ServerBenchmark.builder().setUrl(URI.create("http://127.0.0.1:" + port)).build();
        assertThatThrownBy(() -> bench.awaitReady(Duration.ofMillis(300))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not answer");
    }

    @ParameterizedTest
    @CsvSource({"50, 3", "95, 5", "99, 5", "1, 1"})
    void percentilesAreNearestRank(double p, double expected) {
        assertThat(ServerBenchmark.percentile(new double[] {1, 2, 3, 4, 5}, p)).isEqualTo(expected);
    }

    @Test
    void memoryGrowthComparesTheMediansOfTheFirstAndLastTenth() {
        double[] samples = new double[30]; // 100 100 200 | 150 ... | 110 300 110
        Arrays.fill(samples, 150);
        samples[0] = 100;
        samples[1] = 100;
        samples[2] = 200;
        samples[27] = 110;
        samples[28] = 300;
        samples[29] = 110;
        ServerBenchmark.MemoryTrace trace = new ServerBenchmark.MemoryTrace(samples);
        assertThat(trace.early()).isEqualTo(100);
        assertThat(trace.late()).isEqualTo(110);
        assertThat(trace.growth()).isCloseTo(0.10, within(1e-9));
        assertThat(trace.peak()).isEqualTo(300);
        assertThat(new ServerBenchmark.MemoryTrace(new double[] {5, 7}).growth()).isCloseTo(0.4,
                within(1e-9));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(ServerBenchmark.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }
}
