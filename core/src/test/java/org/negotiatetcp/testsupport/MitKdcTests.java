package org.negotiatetcp.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link MitKdc}: the throwaway realm serves MIT tools and the JDK alike.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MitKdcTests {

	private static final String REALM = "EXAMPLE.TEST";

	private static MitKdc kdc;

	private static Path serviceKeytab;

	@BeforeAll
	static void startKdc() {
		if (!MitKdc.isAvailable()) {
			return;
		}
		kdc = MitKdc.start(REALM);
		kdc.addPrincipal("alice", "alice-pw1");
		serviceKeytab = kdc.addService("host/localhost");
	}

	@BeforeEach
	void requireTools() {
		// per test, not in @BeforeAll, so that each skipped test is reported with the reason
		Assumptions.assumeTrue(MitKdc.isAvailable(), MitKdc.unavailableReason());
	}

	@AfterAll
	static void stopKdc() {
		if (kdc != null) {
			kdc.close();
		}
	}

	@Test
	void kinitObtainsForwardableTgtFromThePasswordAndKvnoGetsAServiceTicket() {
		Path ccache = kdc.kinit("alice", "alice-pw1");
		Map<String, String> env = kdc.env();
		env.put("KRB5CCNAME", "FILE:" + ccache);
		String klist = Executables.run(List.of(Executables.find("klist").orElseThrow().toString(), "-f"), env, null,
				Duration.ofSeconds(30)).requireSuccess().output();
		assertThat(klist).contains("Default principal: alice@EXAMPLE.TEST")
			.contains("krbtgt/EXAMPLE.TEST@EXAMPLE.TEST")
			.containsPattern("Flags: F");
		String kvno = Executables.run(List.of(Executables.find("kvno").orElseThrow().toString(), "host/localhost"),
				env, null, Duration.ofSeconds(30)).requireSuccess().output();
		assertThat(kvno).contains("host/localhost@EXAMPLE.TEST: kvno = ");
	}

	@Test
	void kinitWithAWrongPasswordFails() {
		assertThatIllegalStateException().isThrownBy(() -> kdc.kinit("alice", "wrong-pw"))
			.withMessageContaining("kinit");
	}

	@Test
	void kdcListensOnLoopbackAndTheConfigurationNamesItsPort() throws Exception {
		assertThat(kdc.port()).isPositive();
		assertThat(kdc.isRunning()).isTrue();
		assertThat(Files.readString(kdc.krb5Conf())).contains("kdc = 127.0.0.1:" + kdc.port())
			.contains("udp_preference_limit = 1")
			.contains("dns_lookup_kdc = false")
			.contains("rdns = false")
			.contains("forwardable = true");
		assertThat(kdc.env()).containsEntry("KRB5_CONFIG", kdc.krb5Conf().toString());
	}

	@Test
	void closeStopsTheKdcAndDeletesItsDirectory() {
		MitKdc other = MitKdc.start("OTHER.TEST");
		Path directory = other.directory();
		assertThat(other.isRunning()).isTrue();
		assertThat(other.port()).isNotEqualTo(kdc.port());
		other.close();
		assertThat(other.isRunning()).isFalse();
		assertThat(directory).doesNotExist();
	}

	@Test
	void jdkLogsInFromKeytabsAndEstablishesAProtectedGssContextAgainstAKeytabAcceptor(@TempDir Path temp)
			throws Exception {
		Path aliceKeytab = kdc.keytab(temp.resolve("alice.keytab"), "alice");
		Subject client = JdkKerberos.login(kdc, "alice", aliceKeytab, true);
		Subject server = JdkKerberos.login(kdc, "host/localhost", serviceKeytab, false);
		assertThat(client.getPrivateCredentials(KerberosTicket.class))
			.anySatisfy((ticket) -> assertThat(ticket.getServer().getName()).isEqualTo("krbtgt/EXAMPLE.TEST@EXAMPLE.TEST"));
		// the password still works after exporting alice's keys: ktadd ran with -norandkey
		assertThat(kdc.kinit("alice", "alice-pw1")).exists();

		Oid krb5 = new Oid("1.2.840.113554.1.2.2");
		GSSManager manager = GSSManager.getInstance();
		GSSContext initiator = doAs(client, () -> {
			GSSName target = manager.createName("host@localhost", GSSName.NT_HOSTBASED_SERVICE);
			GSSContext context = manager.createContext(target, krb5, null, GSSContext.DEFAULT_LIFETIME);
			context.requestMutualAuth(true);
			context.requestConf(true);
			context.requestInteg(true);
			return context;
		});
		GSSContext acceptor = doAs(server, () -> manager
			.createContext(manager.createCredential(null, GSSCredential.INDEFINITE_LIFETIME, krb5, GSSCredential.ACCEPT_ONLY)));
		byte[] token = new byte[0];
		for (int leg = 0; leg < 4 && !(initiator.isEstablished() && acceptor.isEstablished()); leg++) {
			byte[] input = token;
			token = doAs(client, () -> initiator.initSecContext(input, 0, input.length));
			if (token != null && !acceptor.isEstablished()) {
				byte[] request = token;
				token = doAs(server, () -> acceptor.acceptSecContext(request, 0, request.length));
			}
			if (token == null) {
				token = new byte[0];
			}
		}
		assertThat(initiator.isEstablished()).isTrue();
		assertThat(acceptor.isEstablished()).isTrue();
		assertThat(acceptor.getSrcName().toString()).isEqualTo("alice@EXAMPLE.TEST");
		assertThat(acceptor.getTargName().toString()).isEqualTo("host/localhost@EXAMPLE.TEST");
		assertThat(initiator.getMutualAuthState()).isTrue();
		assertThat(initiator.getConfState()).isTrue();

		byte[] request = "ping from the JDK".getBytes(StandardCharsets.UTF_8);
		byte[] wrapped = initiator.wrap(request, 0, request.length, new MessageProp(0, true));
		MessageProp received = new MessageProp(0, false);
		assertThat(acceptor.unwrap(wrapped, 0, wrapped.length, received)).isEqualTo(request);
		assertThat(received.getPrivacy()).isTrue();
		byte[] reply = "pong".getBytes(StandardCharsets.UTF_8);
		byte[] wrappedReply = acceptor.wrap(reply, 0, reply.length, new MessageProp(0, true));
		assertThat(initiator.unwrap(wrappedReply, 0, wrappedReply.length, new MessageProp(0, false))).isEqualTo(reply);
		initiator.dispose();
		acceptor.dispose();
	}

	@SuppressWarnings("removal")
	private static <T> T doAs(Subject subject, PrivilegedExceptionAction<T> action) throws Exception {
		try {
			return Subject.doAs(subject, action);
		}
		catch (java.security.PrivilegedActionException ex) {
			throw ex.getException();
		}
	}

}
