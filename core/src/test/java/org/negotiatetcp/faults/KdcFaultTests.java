package org.negotiatetcp.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.mechanism.kerberos.KerberosConfiguration;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.FaultProxy;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A KDC that is down, hangs, is slow or answers nonsense, at a client's first login and while it runs: the real
 * embedded KDC behind a {@link FaultProxy} that the realm's krb5.conf names (kdc_timeout 3 s, one try, as an
 * operator would set for a fail-fast client). Each fault fails the channel's open with the typed first-use error that
 * names the KDC tried and the krb5.conf in use (as MIT's {@code kinit} says "Cannot contact any KDC for realm" and
 * Windows logs KDC_UNREACHABLE), never a hang; the same factory works again once the KDC is back, without a restart.
 * A client that holds its tickets keeps opening channels to the same service while the KDC is down, as Windows and
 * MIT clients do from their ticket caches.
 */
class KdcFaultTests {

	private static final Duration BLOCK = Duration.ofSeconds(60);

	private static final int KDC_TIMEOUT_MILLIS = 3000;

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private static FaultProxy kdc;

	@TempDir
	static Path temp;

	private static Path krb5Conf;

	@AutoClose
	private final TestServer server = new TestServer();

	@BeforeAll
	static void startRealmBehindAProxy() throws IOException {
		realm = EmbeddedRealm.start();
		realm.kdc().keytab("other.keytab", "host/other");
		kdc = FaultProxy.start(realm.kdc().port());
		String conf = Files.readString(realm.kdc().krb5Conf())
			.replaceAll("kdc = [^\\r\\n]*", "kdc = 127.0.0.1:" + kdc.port())
			.replace("[libdefaults]", "[libdefaults]\n    kdc_timeout = " + KDC_TIMEOUT_MILLIS + "\n    max_retries = 1");
		krb5Conf = Files.writeString(temp.resolve("krb5.conf"), conf);
	}

	@AfterAll
	static void restoreKrb5Conf() {
		KerberosConfiguration.use(realm.kdc().krb5Conf());
	}

	@BeforeEach
	void startServer() {
		KerberosConfiguration.use(krb5Conf);
		this.server.echo(ChannelMode.NET_TCP, realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN));
	}

	@AfterEach
	void kdcBack() {
		kdc.mode(FaultProxy.Mode.FORWARD).responseDelay(Duration.ZERO);
	}

	private String address() {
		return this.server.address(ChannelMode.NET_TCP);
	}

	private static NegotiateChannelFactory newClient() {
		return new NegotiateChannelFactory(ClientSettings.of(realm.alice()));
	}

	private void assertOpenFailsNamingTheKdc(NegotiateChannelFactory client) {
		assertThatThrownBy(() -> client.open(address()).block(BLOCK))
			.as("the open fails with the typed error, within the block's timeout")
			.isInstanceOfSatisfying(NegotiateException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.CONNECTION))
			.hasMessageStartingWith("Cannot reach a KDC of realm EXAMPLE.COM to log in alice@EXAMPLE.COM")
			.hasMessageContaining("tried 127.0.0.1:" + kdc.port())
			.hasMessageContaining("The krb5.conf in use is " + krb5Conf.toAbsolutePath());
	}

	@Test
	void kdcDownAtStartupFailsTheFirstOpenNamingTheKdcAndTheSameFactoryWorksWhenItReturns() {
		kdc.mode(FaultProxy.Mode.DOWN);
		NegotiateChannelFactory client = newClient();
		assertOpenFailsNamingTheKdc(client);
		kdc.mode(FaultProxy.Mode.FORWARD);
		assertThat(TestServer.roundTrip(client, address())).isEqualTo("ping");
	}

	@Test
	void kdcThatResetsTheConnectionIsReportedUnreachableNotAsBadCredentials() {
		// before the fix: "Kerberos login failed for alice: Connection reset", FailureReason.BAD_CREDENTIALS
		kdc.mode(FaultProxy.Mode.RESET);
		NegotiateChannelFactory client = newClient();
		assertOpenFailsNamingTheKdc(client);
		kdc.mode(FaultProxy.Mode.FORWARD);
		assertThat(TestServer.roundTrip(client, address())).isEqualTo("ping");
	}

	@Test
	void kdcThatAcceptsAndNeverAnswersFailsTheOpenAfterTheKdcTimeoutNotAHang() {
		kdc.mode(FaultProxy.Mode.SILENT);
		NegotiateChannelFactory client = newClient();
		assertOpenFailsNamingTheKdc(client);
		kdc.mode(FaultProxy.Mode.FORWARD);
		assertThat(TestServer.roundTrip(client, address())).isEqualTo("ping");
	}

	@Test
	void kdcSlowerThanTheKdcTimeoutFailsTheOpenNamingTheKdc() {
		kdc.responseDelay(Duration.ofMillis(3 * KDC_TIMEOUT_MILLIS));
		assertOpenFailsNamingTheKdc(newClient());
	}

	@Test
	void kdcSlowerThanUsualButWithinTheKdcTimeoutOnlySlowsTheOpen() {
		kdc.responseDelay(Duration.ofMillis(KDC_TIMEOUT_MILLIS / 6));
		int before = kdc.connections();
		assertThat(TestServer.roundTrip(newClient(), address())).isEqualTo("ping");
		assertThat(kdc.connections()).as("the login and the service ticket went through the slow KDC")
			.isGreaterThan(before);
	}

	@Test
	void kdcAnsweringNonsenseFailsTheOpenWithATypedErrorNotAHang() {
		kdc.mode(FaultProxy.Mode.GARBAGE);
		NegotiateChannelFactory client = newClient();
		assertThatThrownBy(() -> client.open(address()).block(BLOCK))
			.isInstanceOfSatisfying(NegotiateException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.CONNECTION))
			.hasMessageStartingWith("The KDC of realm EXAMPLE.COM answered the request to log in alice@EXAMPLE.COM "
					+ "with bytes that are not a Kerberos reply")
			.hasMessageContaining("tried 127.0.0.1:" + kdc.port())
			.hasMessageContaining("The krb5.conf in use is " + krb5Conf.toAbsolutePath());
		kdc.mode(FaultProxy.Mode.FORWARD);
		assertThat(TestServer.roundTrip(client, address())).isEqualTo("ping");
	}

	@Test
	void kdcDownAtRunTimeLeavesLoggedInClientsWorkingWithTheirTicketsAndFailsNewLoginsUntilItReturns() {
		NegotiateChannelFactory running = newClient();
		assertThat(TestServer.roundTrip(running, address())).isEqualTo("ping");
		kdc.mode(FaultProxy.Mode.DOWN);
		int before = kdc.connections();
		// the ticket-granting and service tickets are in hand: no KDC needed (Windows and MIT clients alike)
		for (int i = 0; i < 3; i++) {
			assertThat(TestServer.roundTrip(running, address())).isEqualTo("ping");
		}
		assertThat(kdc.connections()).as("no KDC request for a service ticket in hand").isEqualTo(before);
		assertOpenFailsNamingTheKdc(newClient());
		kdc.mode(FaultProxy.Mode.FORWARD);
		assertThat(TestServer.roundTrip(newClient(), address())).isEqualTo("ping");
		assertThat(TestServer.roundTrip(running, address())).isEqualTo("ping");
	}

	@Test
	void kdcFailingAtRunTimeFailsTheServiceTicketRequestWithATypedErrorNamingTheTarget() {
		NegotiateChannelFactory running = newClient();
		assertThat(TestServer.roundTrip(running, address())).isEqualTo("ping");
		for (FaultProxy.Mode mode : new FaultProxy.Mode[] { FaultProxy.Mode.DOWN, FaultProxy.Mode.RESET,
				FaultProxy.Mode.SILENT, FaultProxy.Mode.GARBAGE }) {
			kdc.mode(mode);
			assertThatThrownBy(() -> running.open(address(), new EndpointIdentity.Spn("host/other")).block(BLOCK))
				.as(mode.name())
				.isInstanceOfSatisfying(NegotiateException.class,
						(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.CONNECTION))
				.hasMessageContaining("for a service ticket to host/other@EXAMPLE.COM")
				.hasMessageContaining("tried 127.0.0.1:" + kdc.port());
		}
		kdc.mode(FaultProxy.Mode.FORWARD);
		assertThat(TestServer.roundTrip(running, address())).isEqualTo("ping");
	}

}
