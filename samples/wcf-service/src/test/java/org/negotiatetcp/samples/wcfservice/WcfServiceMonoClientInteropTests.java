package org.negotiatetcp.samples.wcfservice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import org.negotiatetcp.boot.test.kerberos.DevelopmentKdcConfiguration;
import org.negotiatetcp.testsupport.Executables;
import org.negotiatetcp.testsupport.PeerProcess;
import org.negotiatetcp.testsupport.PeerResources;
import org.negotiatetcp.testsupport.PeerTranscript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service in its {@code unsecured} profile (WCF's {@code SecurityMode.None}) called by a WCF client on Mono
 * ({@code peers/mono-wcf/OrdersClient.cs}: {@code ChannelFactory<IOrders>} with {@code NetTcpBinding(SecurityMode.None)},
 * compiled by {@code mcs}), as the README's unsecured variant describes.
 */
@Tag("interop")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WcfServiceMonoClientInteropTests {

	private static final Path SERVICE_MODEL = Path.of("/usr/lib/mono/4.5/System.ServiceModel.dll");

	private static final Map<String, String> UTF8 = Map.of("LANG", "C.UTF-8", "LC_ALL", "C.UTF-8");

	@TempDir
	Path build;

	@Test
	void monoWcfClientCallsTheUnsecuredService() {
		Assumptions.assumeTrue(Executables.find("mcs").isPresent() && Executables.find("mono").isPresent()
				&& Files.isRegularFile(SERVICE_MODEL), () -> "Mono's WCF is not installed here (needs mcs, mono and "
						+ SERVICE_MODEL + ": the Debian packages mono-mcs and libmono-system-servicemodel4.0a-cil)");
		Path exe = this.build.resolve("OrdersClient.exe");
		Executables.run(List.of(Executables.find("mcs").get().toString(), "-nologo", "-target:exe",
				"-r:System.ServiceModel.dll", "-r:System.Runtime.Serialization.dll", "-out:" + exe,
				PeerResources.file("peers/mono-wcf/OrdersClient.cs").toString()), Map.of(), null,
				Duration.ofMinutes(2))
			.requireSuccess();
		try (ConfigurableApplicationContext context = SpringApplication.from(WcfServiceApplication::main)
			.with(DevelopmentKdcConfiguration.class)
			.run(TestWcfServiceApplication.withUsers("--negotiate.tcp.server.port=0",
					"--spring.profiles.active=unsecured"))
			.getApplicationContext()) {
			int port = context.getEnvironment().getRequiredProperty("local.negotiate.tcp.server.port", Integer.class);
			PeerTranscript client;
			try (PeerProcess mono = PeerProcess.start("mono-wcf-client",
					List.of(Executables.find("mono").get().toString(), "--debug", exe.toString(),
							"net.tcp://127.0.0.1:" + port + "/orders"),
					UTF8, null)) {
				client = mono.awaitExit(Duration.ofSeconds(120));
			}
			assertThat(client.stdout()).as(client.toString())
				.contains("RESULT whoami anonymous [ROLE_ANONYMOUS]", "RESULT place 1|paper|500|anonymous",
						"RESULT cancel fault|True|Access is denied.", "RESULT notes from mono", "DONE");
			assertThat(client.exitCode()).isZero();
		}
	}

}
