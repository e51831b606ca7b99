package io.mytts.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class that talks to one server with the bundled voice, started once for the class. */
abstract class ServerTest {

    /** The longest text the test server accepts, low so that a test can exceed it cheaply. */
    static final int MAX_CHARS = 400;

    static MyTTSServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.builder().optMaxChars(MAX_CHARS).build().start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
