package org.negotiatetcp.samples.wcfclient;

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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.negotiatetcp.boot.test.kerberos.DevelopmentKdcConfiguration;
import org.negotiatetcp.testsupport.Executables;
import org.negotiatetcp.testsupport.PeerProcess;
import org.negotiatetcp.testsupport.PeerResources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's {@code SecurityMode.None} variant (README: {@code endpoints.orders.security-mode: none}) against a WCF
 * service on Mono ({@code peers/mono-wcf/OrdersService.cs}: a {@code ServiceHost} with
 * {@code NetTcpBinding(SecurityMode.None)}, compiled by {@code mcs}). The development KDC only supplies the
 * configured credential, which an unsecured endpoint does not use.
 */
@Tag("interop")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class WcfClientMonoServiceInteropTests {

	private static final Path SERVICE_MODEL = Path.of("/usr/lib/mono/4.5/System.ServiceModel.dll");

	@TempDir
	Path build;

	@Test
	void clientCallsTheMonoWcfServiceWithoutSecurity(CapturedOutput output) {
		Assumptions.assumeTrue(Executables.find("mcs").isPresent() && Executables.find("mono").isPresent()
				&& Files.isRegularFile(SERVICE_MODEL), () -> "Mono's WCF is not installed here (needs mcs, mono and "
						+ SERVICE_MODEL + ": the Debian packages mono-mcs and libmono-system-servicemodel4.0a-cil)");
		Path exe = this.build.resolve("OrdersService.exe");
		Executables.run(List.of(Executables.find("mcs").get().toString(), "-nologo", "-target:exe",
				"-r:System.ServiceModel.dll", "-r:System.Runtime.Serialization.dll", "-out:" + exe,
				PeerResources.file("peers/mono-wcf/OrdersService.cs").toString()), Map.of(), null,
				Duration.ofMinutes(2))
			.requireSuccess();
		try (PeerProcess service = PeerProcess.start("mono-wcf-service",
				List.of(Executables.find("mono").get().toString(), "--debug", exe.toString()), Map.of(), null)) {
			int port = service.awaitListening(Duration.ofSeconds(120));
			int exitCode = SpringApplication.exit(new SpringApplication(WcfClientApplication.class,
					DevelopmentKdcConfiguration.class)
				.run("--negotiate.tcp.client.endpoints.orders.address=net.tcp://127.0.0.1:" + port + "/orders",
						"--negotiate.tcp.client.endpoints.orders.security-mode=none"));
			assertThat(exitCode).isZero();
		}
		assertThat(output)
			.contains("[client] WhoAmI: an anonymous client (Mono WCF service, SecurityMode.None)")
			.contains("[client] Place: Order 1: 500 x paper by anonymous")
			.contains("[client] Cancel: fault [{http://example.org/orders}NotAllowed], Only managers cancel orders")
			.contains("[client] Notes: sent one way");
	}

}
