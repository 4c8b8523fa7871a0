package org.negotiatetcp.boot.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KdcProbe}: krb5.conf parsing and real TCP probes on the loopback interface.
 */
class KdcProbeTests {

	private static final List<String> CONF = List.of("# comment", "[libdefaults]", "  default_realm = CORP.TEST",
			"  udp_preference_limit = 1", "[realms]", "  OTHER.TEST = {", "    kdc = other.example:88", "  }",
			"  CORP.TEST = {", "    kdc = tcp/127.0.0.1:6088  # the primary", "    kdc = [::1]:7088",
			"    kdc = kdc.corp.test", "    admin_server = admin.corp.test", "  }", "[domain_realm]",
			"  .corp.test = CORP.TEST");

	private final String previous = System.getProperty("java.security.krb5.conf");

	@TempDir
	Path temp;

	@AfterEach
	void restore() {
		if (this.previous != null) {
			System.setProperty("java.security.krb5.conf", this.previous);
		}
		else {
			System.clearProperty("java.security.krb5.conf");
		}
	}

	@Test
	void readsTheDefaultRealmAndTheKdcsOfARealm() {
		assertThat(KdcProbe.defaultRealm(CONF)).isEqualTo("CORP.TEST");
		assertThat(KdcProbe.kdcs(CONF, "CORP.TEST")).containsExactly("tcp/127.0.0.1:6088", "[::1]:7088",
				"kdc.corp.test");
		assertThat(KdcProbe.kdcs(CONF, "OTHER.TEST")).containsExactly("other.example:88");
		assertThat(KdcProbe.kdcs(CONF, "MISSING.TEST")).isEmpty();
	}

	@Test
	void reachableWhenAKdcAcceptsAndUnreachableOtherwise() throws IOException {
		try (ServerSocket kdc = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int closed;
			try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				closed = gone.getLocalPort();
			}
			Path conf = this.temp.resolve("krb5.conf");
			Files.writeString(conf, String.join("\n", "[libdefaults]", " default_realm = UP.TEST", "[realms]",
					" UP.TEST = {", "  kdc = 127.0.0.1:" + closed, "  kdc = 127.0.0.1:" + kdc.getLocalPort(), " }",
					" DOWN.TEST = {", "  kdc = 127.0.0.1:" + closed, " }"));
			System.setProperty("java.security.krb5.conf", conf.toString());
			KdcProbe probe = new KdcProbe(Duration.ofSeconds(1));
			KdcProbe.Result up = probe.probe(null);
			assertThat(up.isReachable()).isTrue();
			assertThat(up.realm()).isEqualTo("UP.TEST");
			assertThat(up.reachable()).isEqualTo("127.0.0.1:" + kdc.getLocalPort());
			KdcProbe.Result down = probe.probe("DOWN.TEST");
			assertThat(down.isReachable()).isFalse();
			assertThat(down.error()).contains("127.0.0.1:" + closed).contains(conf.toString());
			assertThat(probe.probe("NONE.TEST").error()).contains("no kdc entry for realm NONE.TEST");
		}
	}

}
