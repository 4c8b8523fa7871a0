package org.negotiatetcp.mechanism.kerberos;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.security.auth.kerberos.EncryptionKey;

import com.sun.security.jgss.ExtendedGSSContext;
import com.sun.security.jgss.InquireType;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.crypto.EncryptionType;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.JdkKerberos;
import org.negotiatetcp.testsupport.MitKdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every AES encryption type, the RFC 8009 ones included, which the embedded (Kerby) KDC cannot issue: an MIT KDC
 * gives each service keys and session keys of one type only, and this project's RFC 4121
 * tokens go both ways against a plain JGSS context, our side being the initiator and the acceptor.
 */
@Tag("interop")
class MitKdcEncryptionTypesInteropTests {

	private static MitKdc kdc;

	private static Path aliceKeytab;

	@BeforeAll
	static void startKdc(@TempDir Path directory) {
		Assumptions.assumeTrue(MitKdc.isAvailable(), MitKdc.unavailableReason());
		kdc = MitKdc.start("EXAMPLE.TEST");
		kdc.addPrincipal("alice", "alice-pw1");
		aliceKeytab = kdc.keytab(directory.resolve("alice.keytab"), "alice");
		for (EncryptionType type : EncryptionType.values()) {
			kdc.kadmin("addprinc -randkey -e " + type.specName() + ":normal " + service(type));
			// without it the MIT KDC issues aes256-cts-hmac-sha1-96 session keys whatever the service's keys
			kdc.kadmin("setstr " + service(type) + " session_enctypes " + type.specName());
		}
		JdkKerberos.useKrb5Conf(kdc);
	}

	@AfterAll
	static void stopKdc() {
		if (kdc != null) {
			kdc.close();
		}
	}

	private static String service(EncryptionType type) {
		return "etype" + type.number() + "/localhost";
	}

	@ParameterizedTest
	@EnumSource(EncryptionType.class)
	void oursAndJgssExchangeTokensWithSessionKeysOfEachType(EncryptionType type, @TempDir Path directory)
			throws GSSException {
		Path serviceKeytab = kdc.keytab(directory.resolve("service.keytab"), service(type));
		GSSCredential client = new KerberosClientCredentials(new ClientCredential.Keytab("alice", aliceKeytab))
			.credential();
		GSSCredential service = KerberosServiceCredentials
			.load(new ServiceCredential(serviceKeytab, service(type)))
			.credential();
		GSSManager manager = GSSManager.getInstance();
		TargetName target = TargetName.spn(service(type));

		// ours initiates, JGSS accepts
		GssMechanismContext ours = GssMechanismContext.initiator(client, target, true,
				ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION);
		GSSContext jgss = manager.createContext(service);
		byte[] token = ours.step(null);
		while (!ours.isEstablished() || !jgss.isEstablished()) {
			byte[] reply = jgss.acceptSecContext(token, 0, token.length);
			if (!ours.isEstablished()) {
				token = ours.step(reply);
			}
		}
		exchange(type, ours, jgss);
		ours.close();
		jgss.dispose();

		// JGSS initiates, ours accepts
		jgss = manager.createContext(KerberosNames.targetName(manager, target), Mechanism.KERBEROS.gssOid(), client,
				GSSContext.DEFAULT_LIFETIME);
		jgss.requestMutualAuth(true);
		jgss.requestConf(true);
		ours = GssMechanismContext.acceptor(service, true);
		token = jgss.initSecContext(new byte[0], 0, 0);
		while (!ours.isEstablished() || !jgss.isEstablished()) {
			byte[] reply = ours.step(token);
			if (!jgss.isEstablished()) {
				token = jgss.initSecContext(reply, 0, reply.length);
			}
		}
		exchange(type, ours, jgss);
		ours.close();
		jgss.dispose();
	}

	private static void exchange(EncryptionType type, GssMechanismContext ours, GSSContext jgss) throws GSSException {
		EncryptionKey key = (EncryptionKey) ((ExtendedGSSContext) jgss)
			.inquireSecContext(InquireType.KRB5_GET_SESSION_KEY_EX);
		assertThat(key.getKeyType()).as("session key type").isEqualTo(type.number());
		assertThat(ours.ownProtection()).isEqualTo(type);
		for (int i = 0; i < 4; i++) {
			boolean confidential = i != 2;
			byte[] message = ("to JGSS " + i + "x".repeat(i * 40)).getBytes(StandardCharsets.UTF_8);
			byte[] sent = ours.wrap(message, 0, message.length, confidential);
			MessageProp prop = new MessageProp(0, false);
			assertThat(jgss.unwrap(sent, 0, sent.length, prop)).isEqualTo(message);
			assertThat(prop.isDuplicateToken() || prop.isGapToken() || prop.isOldToken() || prop.isUnseqToken())
				.isFalse();
			byte[] reply = ("from JGSS " + i).getBytes(StandardCharsets.UTF_8);
			byte[] received = jgss.wrap(reply, 0, reply.length, new MessageProp(0, true));
			assertThat(ours.unwrap(received, 0, received.length)).isEqualTo(reply);
			if (i == 3) {
				assertThatExceptionOfType(MechanismException.class)
					.isThrownBy(() -> ours.unwrap(received, 0, received.length))
					.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.REPLAY));
			}
			byte[] mic = ours.getMic(message);
			jgss.verifyMIC(mic, 0, mic.length, message, 0, message.length, new MessageProp(0, false));
			byte[] peerMic = jgss.getMIC(reply, 0, reply.length, new MessageProp(0, false));
			ours.verifyMic(reply, peerMic);
		}
	}

}
