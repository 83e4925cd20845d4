package dev.fnkit.selfhosted.worker;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceProtocolTest {
    @Test
    void theReadyLineCarriesThePortAndTheSocketWhateverItsPath() {
        Path socket = Path.of("/tmp/data dir/instances/42/hello-1/fnkit.sock");
        String line = InstanceProtocol.readyLine("t0k3n", 41234, socket);

        assertThat(InstanceProtocol.parseReadyLine(line, "t0k3n"))
                .isEqualTo(new InstanceProtocol.Endpoint(41234, socket));
        assertThat(InstanceProtocol.parseReadyLine(InstanceProtocol.readyLine("t0k3n", 41234, null), "t0k3n"))
                .isEqualTo(new InstanceProtocol.Endpoint(41234, null));
    }

    @Test
    void aLineWithoutTheTokenOrAPortAnnouncesNothing() {
        String line = InstanceProtocol.readyLine("t0k3n", 41234, null);
        assertThat(InstanceProtocol.parseReadyLine(line, "other")).isNull();
        assertThat(InstanceProtocol.parseReadyLine("hello", "t0k3n")).isNull();
        assertThat(InstanceProtocol.parseReadyLine(InstanceProtocol.READY_LINE + " t0k3n x /s", "t0k3n")).isNull();
        assertThat(InstanceProtocol.parseReadyLine(InstanceProtocol.READY_LINE + " t0k3n 0", "t0k3n")).isNull();
    }
}
