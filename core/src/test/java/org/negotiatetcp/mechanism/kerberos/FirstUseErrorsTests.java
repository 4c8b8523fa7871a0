package org.negotiatetcp.mechanism.kerberos;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.UnknownTargetException;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.stream.HandshakeErrorException;
import org.negotiatetcp.stream.HandshakeErrorPayload;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The errors a user meets the first time a client runs, over real channels against the embedded KDC: each names the
 * cause (the KDC address and krb5.conf, the SPN, the password, the ticket cache) and the fix.
 */
class FirstUseErrorsTests {

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private final TestServer server = new TestServer();

	@TempDir
	Path temp;

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
		realm.kdc().keytab("other.keytab", "host/other");
		realm.kdc().user("bob", "bob-Secret-1");
	}

	@BeforeEach
	void startServer() {
		this.server.echo(ChannelMode.NET_TCP, realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN));
	}

	private Throwable openFails(ClientSettings settings, EndpointIdentity identity) {
		NegotiateChannelFactory factory = new NegotiateChannelFactory(settings);
		Throwable[] thrown = new Throwable[1];
		assertThatThrownBy(() -> factory.open(this.server.address(ChannelMode.NET_TCP), identity)
			.block(Duration.ofSeconds(60))).satisfies((ex) -> thrown[0] = ex);
		return thrown[0];
	}

	private static int closedPort() throws IOException {
		try (ServerSocket closed = new ServerSocket(0)) {
			return closed.getLocalPort();
		}
	}

	/**
	 * Point the JDK at a copy of the realm's krb5.conf changed by {@code edit} while the checks run, then back.
	 */
	private void withKrb5Conf(UnaryOperator<String> edit, Consumer<Path> checks) throws IOException {
		// MiniKdc answers the krb5.conf from the system property: remember it before pointing the JDK elsewhere
		Path original = realm.kdc().krb5Conf();
		Path conf = Files.writeString(this.temp.resolve("krb5.conf"), edit.apply(Files.readString(original)));
		KerberosConfiguration.use(conf);
		try {
			checks.accept(conf);
		}
		finally {
			KerberosConfiguration.use(original);
		}
	}

	/**
	 * A krb5.conf edit that sends the realm's clients to a KDC on a port, giving up on it after 3 seconds.
	 */
	private static UnaryOperator<String> kdcAt(int port) {
		return (original) -> original.replaceAll("kdc = [^\\r\\n]*",
				"kdc = localhost:" + port + "\n    kdc_timeout = 3000");
	}

	private static ClientCredential.Password bob(String password) {
		return new ClientCredential.Password("bob", password.toCharArray());
	}

	@Test
	void unreachableKdcNamesTheKdcTriedAndTheKrb5ConfInUse() throws Exception {
		int port = closedPort();
		withKrb5Conf(kdcAt(port), (conf) -> {
			Throwable keytab = openFails(ClientSettings.of(realm.alice()), null);
			assertThat(keytab).isInstanceOfSatisfying(NegotiateException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.CONNECTION))
				.hasMessageStartingWith("Cannot reach a KDC of realm EXAMPLE.COM to log in alice@EXAMPLE.COM")
				.hasMessageContaining("tried localhost:" + port)
				.hasMessageContaining("The krb5.conf in use is " + conf.toAbsolutePath()
						+ " (from java.security.krb5.conf)")
				.hasMessageContaining("Check that the KDC runs");
			// a password credential may fall back to NTLM: the refusal still leads with the unreachable KDC
			Throwable password = openFails(ClientSettings.of(bob("bob-Secret-1")), null);
			assertThat(password).hasMessageStartingWith("Cannot reach a KDC of realm EXAMPLE.COM to log in bob@EXAMPLE.COM")
				.hasMessageContaining("SPNEGO did not fall back to NTLM: require-server-auth is true");
		});
	}

	@Test
	void krb5ConfWithoutAKdcForTheRealmSaysSo() throws Exception {
		UnaryOperator<String> withoutKdc = (original) -> original.replaceAll("kdc = [^\\r\\n]*", "")
			.replace("[libdefaults]", "[libdefaults]\n    dns_lookup_kdc = false");
		withKrb5Conf(withoutKdc, (conf) -> {
			assertThat(openFails(ClientSettings.of(realm.alice()), null))
				.isInstanceOfSatisfying(NegotiateException.class,
						(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.CONNECTION))
				.hasMessageStartingWith("Cannot reach a KDC of realm EXAMPLE.COM to log in alice@EXAMPLE.COM")
				.hasMessageContaining("The krb5.conf in use, " + conf.toAbsolutePath()
						+ " (from java.security.krb5.conf), lists no kdc for realm EXAMPLE.COM")
				.hasMessageContaining("Add [realms] EXAMPLE.COM = { kdc = <host>:88 }");
		});
	}

	@Test
	void kdcUnreachableForAServiceTicketNamesTheTargetAndTheKdc() throws Exception {
		// logged in while the KDC answers; the service ticket for another SPN is asked for after it went away
		NegotiateChannelFactory factory = new NegotiateChannelFactory(ClientSettings.of(realm.alice()));
		factory.open(this.server.address(ChannelMode.NET_TCP))
			.flatMap((channel) -> channel.close())
			.block(Duration.ofSeconds(60));
		int port = closedPort();
		withKrb5Conf(kdcAt(port), (conf) -> {
			assertThatThrownBy(() -> factory
				.open(this.server.address(ChannelMode.NET_TCP), new EndpointIdentity.Spn("host/other"))
				.block(Duration.ofSeconds(60)))
				.isInstanceOfSatisfying(NegotiateException.class,
						(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.CONNECTION))
				.hasMessageStartingWith("Cannot reach a KDC of realm EXAMPLE.COM for a service ticket to "
						+ "host/other@EXAMPLE.COM: tried localhost:" + port)
				.hasMessageContaining(conf.toAbsolutePath().toString());
		});
	}

	@Test
	void spnUnknownToTheKdcNamesTheSpnAndTheEndpointIdentityWithoutKinit() {
		Throwable failure = openFails(ClientSettings.of(realm.alice()), new EndpointIdentity.Spn("host/nowhere"));
		assertThat(failure).isInstanceOfSatisfying(UnknownTargetException.class, (ex) -> {
			assertThat(ex.reason()).isEqualTo(FailureReason.WRONG_TARGET);
			assertThat(ex.targetName()).isEqualTo("host/nowhere@EXAMPLE.COM");
		})
			.hasMessageStartingWith("The target name host/nowhere@EXAMPLE.COM is not registered in the KDC "
					+ "(KDC_ERR_S_PRINCIPAL_UNKNOWN)")
			.hasMessageContaining("Set the endpoint's identity to the SPN of the server's account")
			.hasMessageContaining("setspn -S host/nowhere")
			.message()
			.doesNotContainIgnoringCase("kinit");
	}

	@Test
	void spnUnknownToTheKdcLeadsTheRefusedNtlmFallback() {
		Throwable failure = openFails(ClientSettings.of(bob("bob-Secret-1")), new EndpointIdentity.Spn("host/nowhere"));
		assertThat(failure).isInstanceOfSatisfying(MechanismException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.POLICY))
			.hasMessageStartingWith("The target name host/nowhere@EXAMPLE.COM is not registered in the KDC")
			.hasMessageContaining("SPNEGO did not fall back to NTLM")
			.hasRootCauseInstanceOf(Exception.class)
			.cause()
			.isInstanceOf(UnknownTargetException.class);
		assertThat(failure.getMessage()).doesNotContainIgnoringCase("kinit");
	}

	@Test
	void spnMissingFromTheServersKeytabIsTargetUnknownNamingTheSpn() {
		ListAppender<ILoggingEvent> serverLog = new ListAppender<>();
		serverLog.start();
		Logger logger = (Logger) LoggerFactory.getLogger("org.negotiatetcp");
		logger.addAppender(serverLog);
		try {
			Throwable failure = openFails(ClientSettings.of(realm.alice()), new EndpointIdentity.Spn("host/other"));
			assertThat(failure).isInstanceOfSatisfying(HandshakeErrorException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(HandshakeErrorPayload.SEC_E_TARGET_UNKNOWN))
				.hasMessageContaining("SEC_E_TARGET_UNKNOWN")
				.hasMessageContaining("the server holds no key for the target name host/other")
				.hasMessageContaining("add host/other to the server's keytab");
			// the server's log says the same from its side
			assertThat(serverLog.list).extracting(ILoggingEvent::getFormattedMessage)
				.anySatisfy((line) -> assertThat(line).contains("the client's ticket is for host/other@EXAMPLE.COM, "
						+ "this server holds the key of host/localhost@EXAMPLE.COM"));
		}
		finally {
			logger.detachAppender(serverLog);
		}
	}

	@Test
	void wrongPasswordSaysWrongPassword() {
		for (AuthPackage authPackage : AuthPackage.values()) {
			if (authPackage == AuthPackage.NTLM) {
				continue;
			}
			Throwable failure = openFails(ClientSettings.of(bob("not-the-password")).withAuthPackage(authPackage), null);
			assertThat(failure).as(authPackage.name())
				.isInstanceOfSatisfying(MechanismException.class,
						(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.BAD_CREDENTIALS))
				.hasMessageStartingWith("Wrong password for bob@EXAMPLE.COM")
				.hasMessageContaining("KDC_ERR_PREAUTH_FAILED")
				.message()
				.doesNotContain("fall back");
		}
	}

	@Test
	void wrongNtlmPasswordIsLogonDeniedSayingWhatTheServerRefused() {
		this.server.echo(ChannelMode.NET_TCP, new AcceptorSettings(null,
				new InMemoryNtlmAccountStore().add("EXAMPLE", "dora", "dora-Secret-1".toCharArray()),
				ProtectionLevel.ENCRYPT_AND_SIGN, false));
		NegotiateChannelFactory factory = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Password("EXAMPLE\\dora", "not-the-password".toCharArray()))
					.withAuthPackage(AuthPackage.NTLM)
					.withRequireServerAuth(false));
		assertThatThrownBy(() -> factory.open(this.server.address(ChannelMode.NET_TCP)).block(Duration.ofSeconds(60)))
			.isInstanceOfSatisfying(HandshakeErrorException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(HandshakeErrorPayload.SEC_E_LOGON_DENIED))
			.hasMessageContaining("SEC_E_LOGON_DENIED")
			.hasMessageContaining("the server did not accept the client's credential (a wrong password or an "
					+ "unknown or disabled account with NTLM");
	}

	@Test
	void unknownClientPrincipalSaysSo() {
		Throwable failure = openFails(ClientSettings.of(new ClientCredential.Password("nobody", "x".toCharArray())),
				null);
		assertThat(failure).hasMessageStartingWith("The principal nobody@EXAMPLE.COM is not known to the KDC of realm "
				+ "EXAMPLE.COM (KDC_ERR_C_PRINCIPAL_UNKNOWN)");
	}

	@Test
	void missingTicketCacheSaysRunKinitAndNamesTheCache() {
		Path cache = this.temp.resolve("krb5cc_missing");
		Throwable failure = openFails(ClientSettings.of(new ClientCredential.TicketCache("alice", cache)), null);
		assertThat(failure).isInstanceOfSatisfying(MechanismException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.BAD_CREDENTIALS))
			.hasMessageStartingWith("No Kerberos ticket: the ticket cache " + cache + " does not exist; run kinit alice");
	}

	@Test
	void missingDefaultTicketCacheNamesTheDefaultCache() {
		Path cache = KerberosEnvironment.defaultTicketCache();
		assumeThat(System.getenv("KRB5CCNAME")).as("KRB5CCNAME set").isNull();
		assumeThat(Files.exists(cache)).as("a ticket cache exists at " + cache).isFalse();
		Throwable failure = openFails(ClientSettings.of(new ClientCredential.TicketCache(null, null)), null);
		assertThat(failure).hasMessageStartingWith("No Kerberos ticket: the ticket cache " + cache
				+ " (the default: KRB5CCNAME is not set) does not exist; run kinit");
		assertThat(cache.getFileName().toString()).startsWith("krb5cc_");
	}

}
