package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.0/8", "192.0.2.1", "fd00::/8"));

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItsHeaderSays() {
        assertThat(resolve(behindProxies, "203.0.113.50", "198.51.100.1")).isEqualTo("203.0.113.50");
    }

    @Test
    void behindATrustedProxyTheForwardedAddressIsTheClient() {
        assertThat(resolve(behindProxies, "10.1.2.3", "198.51.100.7")).isEqualTo("198.51.100.7");
    }

    @Test
    void theRightMostUntrustedHopWinsOverWhatTheClientWroteItself() {
        // the client sent "X-Forwarded-For: 1.1.1.1"; its proxy appended the address it saw
        assertThat(resolve(behindProxies, "10.1.2.3", "1.1.1.1, 198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(resolve(behindProxies, "10.1.2.3", "1.1.1.1, 198.51.100.7, 192.0.2.1")).isEqualTo("198.51.100.7");
    }

    @Test
    void severalHeaderLinesReadAsOneListInOrder() {
        assertThat(new ClientAddress(List.of("10.0.0.0/8")).resolve(address("10.0.0.2"), List.of("1.1.1.1", "198.51.100.7, 10.9.9.9"))
                .getHostAddress()).isEqualTo("198.51.100.7");
    }

    @Test
    void garbageStopsTheWalkAtTheLastTrustedHop() {
        assertThat(resolve(behindProxies, "10.1.2.3", "198.51.100.7, not-an-address")).isEqualTo("10.1.2.3");
        assertThat(resolve(behindProxies, "10.1.2.3", "300.1.1.1")).isEqualTo("10.1.2.3");
    }

    @Test
    void withoutAHeaderOrWhenEveryHopIsTrustedTheLeftMostProxyIsTheClient() {
        assertThat(resolve(behindProxies, "10.1.2.3", null)).isEqualTo("10.1.2.3");
        assertThat(resolve(behindProxies, "10.1.2.3", "10.4.4.4")).isEqualTo("10.4.4.4");
    }

    @Test
    void portsAndBracketedIpv6HopsAreUnderstood() {
        assertThat(resolve(behindProxies, "fd00::1", "[2001:db8::7]:4711")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(resolve(behindProxies, "10.1.2.3", "198.51.100.7:51000")).isEqualTo("198.51.100.7");
    }

    @Test
    void withNoTrustedProxiesTheHeaderIsNeverRead() {
        assertThat(resolve(new ClientAddress(List.of()), "127.0.0.1", "198.51.100.7")).isEqualTo("127.0.0.1");
    }

    @Test
    void hostNamesAreNeverLookedUp() {
        assertThat(ClientAddress.literal("localhost")).isEmpty();
        assertThat(ClientAddress.literal("bad.cafe")).isEmpty();
        assertThat(ClientAddress.literal("999.1.1.1")).isEmpty();
    }

    @Test
    void aConfiguredProxyMustBeAnAddressOrACidr() {
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/8", "proxy.example.org")))
                .hasMessage("web.trustedProxies: \"proxy.example.org\" is not an IP address or a CIDR such as 10.0.0.0/8 or fd00::/8");
        assertThatThrownBy(() -> ClientAddress.checkPatterns(List.of("10.0.0.0/33"))).hasMessageContaining("\"10.0.0.0/33\"");
        ClientAddress.checkPatterns(List.of("::1", "2001:db8::/32", "127.0.0.1"));
    }

    @Test
    void anIpv6ClientIsLimitedByItsSlash64AndAnIpv4ClientByItsAddress() {
        assertThat(ClientAddress.bucket("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo(ClientAddress.bucket("2001:db8:1:2::7"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.bucket("2001:db8:1:3::7")).isNotEqualTo(ClientAddress.bucket("2001:db8:1:2::7"));
        assertThat(ClientAddress.bucket("198.51.100.7")).isEqualTo("198.51.100.7");
    }

    private static String resolve(ClientAddress clients, String peer, String forwardedFor) {
        return clients.resolve(address(peer), forwardedFor == null ? List.of() : List.of(forwardedFor)).getHostAddress();
    }

    private static InetAddress address(String literal) {
        return ClientAddress.literal(literal).orElseThrow();
    }
}
