package org.negotiatetcp.mechanism.kerberos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.mechanism.kerberos.crypto.EncryptionType;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.JdkKerberos;
import org.negotiatetcp.testsupport.MitKdc;
import org.negotiatetcp.testsupport.PeerMode;
import org.negotiatetcp.testsupport.PeerTranscript;
import org.negotiatetcp.testsupport.PythonGssPeer;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MIT krb5's GSS-API (python3-gssapi) as the client of our server over real sockets, with session keys of every AES
 * type from an MIT KDC, the RFC 8009 ones included: the data frames both ways are MIT's RFC 4121 tokens against this
 * project's (after the first token of each direction, which JGSS handles).
 */
@Tag("interop")
class MitPeerEncryptionTypesInteropTests {

	private static MitKdc kdc;

	private static Path ccache;

	@AutoClose
	private final TestServer server = new TestServer();

	@BeforeAll
	static void startKdc() {
		if (!MitKdc.isAvailable()) {
			return;
		}
		kdc = MitKdc.start("EXAMPLE.TEST");
		kdc.addPrincipal("alice", "alice-pw1");
		for (EncryptionType type : EncryptionType.values()) {
			kdc.kadmin("addprinc -randkey -e " + type.specName() + ":normal " + service(type));
			kdc.kadmin("setstr " + service(type) + " session_enctypes " + type.specName());
		}
		ccache = kdc.kinit("alice", "alice-pw1");
	}

	@AfterAll
	static void stopKdc() {
		if (kdc != null) {
			kdc.close();
		}
	}

	@BeforeEach
	void requireTools() {
		Assumptions.assumeTrue(MitKdc.isAvailable(), MitKdc::unavailableReason);
		Assumptions.assumeTrue(PythonGssPeer.isAvailable(), PythonGssPeer::unavailableReason);
		JdkKerberos.useKrb5Conf(kdc);
	}

	private static String service(EncryptionType type) {
		return "etype" + type.number() + "/localhost";
	}

	static Stream<Arguments> cases() {
		List<Arguments> cases = new ArrayList<>();
		for (EncryptionType type : EncryptionType.values()) {
			for (ChannelMode mode : ChannelMode.values()) {
				cases.add(Arguments.of(type, mode));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}, {1}")
	@MethodSource("cases")
	void mitClientExchangesProtectedMessagesWithOurServer(EncryptionType type, ChannelMode mode,
			@TempDir Path directory) {
		Path keytab = kdc.keytab(directory.resolve("service.keytab"), service(type));
		this.server.echo(mode, TestServer.kerberosAcceptor(keytab, service(type) + "@EXAMPLE.TEST",
				ProtectionLevel.ENCRYPT_AND_SIGN));
		int big = (mode == ChannelMode.NET_TCP) ? 65000 : 70000;
		PeerTranscript client = PythonGssPeer.client()
			.mechanism(AuthPackage.KERBEROS)
			.mode((mode == ChannelMode.NET_TCP) ? PeerMode.NETTCP : PeerMode.RAW)
			.environment(kdc.env())
			.ccache(ccache)
			.target(service(type))
			.via(this.server.address(mode))
			.message("hello from MIT")
			.message("second")
			.patternMessage(big)
			.run("127.0.0.1", this.server.port())
			.requireSuccess();
		assertThat(client.receivedTexts().subList(0, 2)).containsExactly("hello from MIT", "second");
		assertThat(client.received().get(2)).isEqualTo(PythonGssPeer.pattern(big));
		assertThat(client.authenticated()).containsEntry("conf", "true");
		assertThat(this.server.seen()).singleElement()
			.satisfies((info) -> assertThat(info.peerName()).isEqualTo("alice@EXAMPLE.TEST"));
		assertThat(kdc.log()).contains("ses=" + type.specName() + "(" + type.number() + ")}, alice@EXAMPLE.TEST for " + service(type));
	}

}
