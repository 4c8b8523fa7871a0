package org.negotiatetcp.samples.echo;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.testsupport.DotnetNegotiateStreamPeer;
import org.negotiatetcp.testsupport.MitKdc;
import org.negotiatetcp.testsupport.PeerMode;
import org.negotiatetcp.testsupport.PeerTranscript;
import org.negotiatetcp.testsupport.PythonGssPeer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The echo server as a person runs it (command-line properties, an MIT realm's keytab and krb5.conf) against external
 * clients: Microsoft's NegotiateStream client (.NET Core 2.0, in net.tcp framing as WCF layers it) and MIT GSSAPI.
 */
@Tag("interop")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EchoServerPeerInteropTests {

	private static MitKdc kdc;

	private static Path keytab;

	private static Path ccache;

	@BeforeAll
	static void startRealm() {
		if (MitKdc.isAvailable()) {
			kdc = MitKdc.start("EXAMPLE.TEST");
			kdc.addPrincipal("alice", "alice-pw1");
			keytab = kdc.addService("host/localhost");
			ccache = kdc.kinit("alice", "alice-pw1");
		}
	}

	@AfterAll
	static void stopRealm() {
		if (kdc != null) {
			kdc.close();
		}
	}

	@BeforeEach
	void requireRealm() {
		Assumptions.assumeTrue(MitKdc.isAvailable(), MitKdc::unavailableReason);
	}

	@Test
	void dotnetClientGetsItsMessagesEchoedOverNetTcp() {
		Assumptions.assumeTrue(DotnetNegotiateStreamPeer.isAvailable(), DotnetNegotiateStreamPeer::unavailableReason);
		try (ConfigurableApplicationContext context = run("--negotiate.tcp.server.mode=net-tcp")) {
			int port = port(context);
			PeerTranscript client = DotnetNegotiateStreamPeer.client()
				.mode(PeerMode.NETTCP)
				.environment(kdc.env())
				.ccache(ccache)
				.target("host/localhost")
				.via("net.tcp://localhost:" + port + "/echo")
				.message("hello from .NET")
				.message("second envelope")
				.run("127.0.0.1", port)
				.requireSuccess();
			assertThat(client.receivedTexts()).containsExactly("hello from .NET", "second envelope");
			assertThat(client.authenticated()).containsEntry("mutual", "true").containsEntry("encrypted", "true");
		}
	}

	@Test
	void mitClientGetsItsBytesEchoedOverARawNegotiateStream() {
		Assumptions.assumeTrue(PythonGssPeer.isAvailable(), PythonGssPeer::unavailableReason);
		try (ConfigurableApplicationContext context = run("--negotiate.tcp.server.mode=raw", "--negotiate.tcp.server.vias=")) {
			PeerTranscript client = PythonGssPeer.client()
				.mechanism(AuthPackage.SPNEGO)
				.mode(PeerMode.RAW)
				.environment(kdc.env())
				.ccache(ccache)
				.message("hello from MIT")
				.run("127.0.0.1", port(context))
				.requireSuccess();
			assertThat(client.receivedTexts()).containsExactly("hello from MIT");
		}
	}

	private static ConfigurableApplicationContext run(String... extra) {
		List<String> args = new java.util.ArrayList<>(List.of("--negotiate.tcp.server.port=0",
				"--negotiate.tcp.kerberos.krb5-conf=" + kdc.krb5Conf(),
				"--negotiate.tcp.credentials.service.keytab=" + keytab,
				"--negotiate.tcp.credentials.service.principal=host/localhost@EXAMPLE.TEST",
				"--negotiate.tcp.server.credential=service"));
		args.addAll(List.of(extra));
		return SpringApplication.run(EchoServerApplication.class, args.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.negotiate.tcp.server.port", Integer.class);
	}

}
