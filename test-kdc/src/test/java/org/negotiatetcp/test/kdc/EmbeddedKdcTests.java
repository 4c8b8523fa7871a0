package org.negotiatetcp.test.kdc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.LoginException;

import com.sun.security.auth.module.Krb5LoginModule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link EmbeddedKdc}: the JDK's own Kerberos login gets tickets from it, with keytabs and with passwords.
 */
class EmbeddedKdcTests {

	@Test
	void jdkLogsInWithAKeytabAndWithAPasswordAndGetsATicketOfTheRealm() throws Exception {
		try (EmbeddedKdc kdc = EmbeddedKdc.start("test.example")) {
			assertThat(kdc.realm()).isEqualTo("TEST.EXAMPLE");
			Path keytab = kdc.keytab("service.keytab", "host/localhost");
			kdc.user("carol", "carol-password");
			assertThat(tgt(login("host/localhost@TEST.EXAMPLE", keytab, null)).getServer().getName())
				.isEqualTo("krbtgt/TEST.EXAMPLE@TEST.EXAMPLE");
			assertThat(login("carol@TEST.EXAMPLE", null, "carol-password").getPrincipals())
				.contains(new KerberosPrincipal("carol@TEST.EXAMPLE"));
			assertThatExceptionOfType(LoginException.class)
				.isThrownBy(() -> login("carol@TEST.EXAMPLE", null, "wrong-password"));
		}
	}

	@Test
	void keytabOfAUserHoldsTheKeysOfItsPassword() throws Exception {
		try (EmbeddedKdc kdc = EmbeddedKdc.start()) {
			kdc.user("alice", "alice-password");
			Path keytab = kdc.keytab("alice.keytab", "alice");
			assertThat(kdc.file("alice.keytab")).isEqualTo(keytab);
			assertThat(login(kdc.principal("alice"), keytab, null).getPrincipals())
				.contains(new KerberosPrincipal("alice@EXAMPLE.COM"));
			assertThat(login(kdc.principal("alice"), null, "alice-password").getPrincipals())
				.contains(new KerberosPrincipal("alice@EXAMPLE.COM"));
		}
	}

	@Test
	void setsTheKrb5ConfWhileRunningAndRestoresThePreviousOneWhenClosed() throws Exception {
		String before = System.getProperty("java.security.krb5.conf");
		EmbeddedKdc kdc = EmbeddedKdc.start();
		Path directory = kdc.directory();
		assertThat(System.getProperty("java.security.krb5.conf")).isEqualTo(kdc.krb5Conf().toString());
		assertThat(Files.readString(kdc.krb5Conf())).contains("default_realm = EXAMPLE.COM")
			.contains("kdc = 127.0.0.1:" + kdc.port());
		assertThat(reachable(kdc.port())).isTrue();
		kdc.user("dave", "dave-password");
		String realm = kdc.realm();
		int port = kdc.port();
		kdc.close();
		assertThat(System.getProperty("java.security.krb5.conf")).isEqualTo(before);
		assertThat(directory).doesNotExist();
		assertThat(loginAfterClose(realm, port)).as("a login against the closed KDC fails").isTrue();
		kdc.close();
	}

	/**
	 * Whether a login of the closed realm's user fails. A login, not a bare connect: on a busy machine another process
	 * may be given the freed port, but it is not this realm's KDC.
	 */
	private static boolean loginAfterClose(String realm, int port) throws IOException {
		Path conf = Files.createTempFile("closed-kdc", ".conf");
		String previous = System.getProperty("java.security.krb5.conf");
		try {
			Files.writeString(conf, "[libdefaults]\n default_realm = " + realm + "\n udp_preference_limit = 1\n"
					+ " kdc_timeout = 2000\n max_retries = 1\n[realms]\n " + realm + " = {\n  kdc = 127.0.0.1:"
					+ port + "\n }\n");
			System.setProperty("java.security.krb5.conf", conf.toString());
			login("dave@" + realm, null, "dave-password");
			return false;
		}
		catch (LoginException ex) {
			return true;
		}
		finally {
			if (previous != null) {
				System.setProperty("java.security.krb5.conf", previous);
			}
			else {
				System.clearProperty("java.security.krb5.conf");
			}
			Files.deleteIfExists(conf);
		}
	}

	@Test
	void closingRealmsOutOfOrderNeverLeavesTheJvmOnADeletedKrb5Conf() {
		String before = System.getProperty("java.security.krb5.conf");
		EmbeddedKdc first = EmbeddedKdc.start();
		EmbeddedKdc second = EmbeddedKdc.start("SECOND.EXAMPLE");
		first.close();
		assertThat(System.getProperty("java.security.krb5.conf")).isEqualTo(second.krb5Conf().toString());
		second.close();
		String after = System.getProperty("java.security.krb5.conf");
		assertThat(after).isNotEqualTo(first.krb5Conf().toString());
		if (after != null) {
			assertThat(after).isEqualTo(before);
		}
	}

	@Test
	void twoRealmsRunSideBySideAndTheOneMadeCurrentServesLogins() throws Exception {
		try (EmbeddedKdc first = EmbeddedKdc.start("FIRST.EXAMPLE");
				EmbeddedKdc second = EmbeddedKdc.start("SECOND.EXAMPLE")) {
			first.user("alice", "first-password");
			second.user("alice", "second-password");
			assertThat(first.port()).isNotEqualTo(second.port());
			first.makeCurrent();
			assertThat(login("alice@FIRST.EXAMPLE", null, "first-password").getPrincipals()).hasSize(1);
			second.makeCurrent();
			assertThat(login("alice@SECOND.EXAMPLE", null, "second-password").getPrincipals()).hasSize(1);
		}
	}

	@Test
	void aPrincipalCannotBeCreatedTwiceWithAPassword() {
		try (EmbeddedKdc kdc = EmbeddedKdc.start()) {
			kdc.user("alice", "one");
			assertThatIllegalStateException().isThrownBy(() -> kdc.user("alice", "two"))
				.withMessageContaining("alice@EXAMPLE.COM exists already");
		}
	}

	static Subject login(String principal, Path keytab, String password) throws LoginException {
		Map<String, Object> options = new HashMap<>();
		options.put("principal", principal);
		options.put("refreshKrb5Config", "true");
		options.put("storeKey", "true");
		if (keytab != null) {
			options.put("useKeyTab", "true");
			options.put("keyTab", keytab.toString());
			options.put("doNotPrompt", "true");
		}
		Subject subject = new Subject();
		Krb5LoginModule module = new Krb5LoginModule();
		module.initialize(subject, (callbacks) -> {
			for (var callback : callbacks) {
				if (callback instanceof PasswordCallback passwordCallback && password != null) {
					passwordCallback.setPassword(password.toCharArray());
				}
				else if (!(callback instanceof javax.security.auth.callback.NameCallback)) {
					throw new UnsupportedCallbackException(callback);
				}
			}
		}, new HashMap<>(), options);
		module.login();
		module.commit();
		return subject;
	}

	private static KerberosTicket tgt(Subject subject) {
		return subject.getPrivateCredentials(KerberosTicket.class).iterator().next();
	}

	private static boolean reachable(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
