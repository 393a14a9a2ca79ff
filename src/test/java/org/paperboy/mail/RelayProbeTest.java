package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Connections = rate x round trips a message x round trip, the sizing the README's table shows. */
class RelayProbeTest {

    @Test
    void aPipeliningRelayTenMillisecondsAwayCarriesTwoHundredMessagesASecondOnFourConnections() {
        RelayProbe relay = new RelayProbe(false, true, 10.0);

        assertThat(relay.roundTripsPerMessage()).isEqualTo(2);
        assertThat(relay.ceiling(4)).isCloseTo(200.0, within(1e-6));
        assertThat(relay.connectionsFor(200)).isEqualTo(4);
        assertThat(relay.connectionsFor(201)).isEqualTo(5);
        assertThat(relay.connectionsFor(0.5)).as("at least one").isEqualTo(1);
    }

    @Test
    void withoutPipeliningAMessageTakesFourRoundTrips() {
        RelayProbe relay = new RelayProbe(true, false, 20.0);

        assertThat(relay.roundTripsPerMessage()).isEqualTo(4);
        assertThat(relay.ceiling(16)).isCloseTo(200.0, within(1e-6));
        assertThat(relay.connectionsFor(100)).isEqualTo(8);
    }
}
