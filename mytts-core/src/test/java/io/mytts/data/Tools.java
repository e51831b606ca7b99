package io.mytts.data;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/** Tests that need a synthesizer skip when it is missing, but fail on CI (CI=true), which installs it. */
final class Tools {

    private Tools() {}

    static void require(String program) {
        if (SubprocessTeacher.isInstalled(program)) {
            return;
        }
        String reason = program + " is not installed (apt-get install " + program + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason + "; CI must install it");
        }
        Assumptions.assumeTrue(false, reason);
    }
}
