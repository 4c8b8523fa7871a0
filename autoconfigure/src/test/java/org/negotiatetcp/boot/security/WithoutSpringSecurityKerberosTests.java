package org.negotiatetcp.boot.security;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Spring Security without {@code spring-security-kerberos-core} (which the starter does not bring): the bridge
 * authenticates Kerberos clients as plain {@link NegotiateAuthenticationToken}s instead of failing with a
 * {@code NoClassDefFoundError}. Once with the library hidden from the application's class loader, once in a server
 * JVM whose class path really lacks it; both against the embedded KDC over real sockets.
 */
class WithoutSpringSecurityKerberosTests {

	private static final String KERBEROS_CORE = "spring-security-kerberos-core";

	@Test
	void kerberosClientGetsAPlainTokenWhenTheApplicationCannotSeeSpringSecurityKerberos() {
		ApplicationContextRunner runner = NegotiateSecurityIntegrationTests.serverAndClient()
			.withClassLoader(new FilteredClassLoader("org.springframework.security.kerberos"))
			.withUserConfiguration(NegotiateSecurityIntegrationTests.Users.class)
			.withPropertyValues("negotiate.tcp.client.credential=alice",
					"negotiate.tcp.client.endpoints.orders.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/orders");
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(NegotiateSecurityIntegrationTests.call(context, "alice", "orders", "whoami"))
				.containsExactly("alice@EXAMPLE.COM [ROLE_ORDERS] NegotiateAuthenticationToken");
		});
	}

	@Test
	void serverWithoutSpringSecurityKerberosOnItsClassPathStartsAndAuthenticates(@TempDir Path dir) throws Exception {
		TestRealm realm = TestRealm.get();
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", classPathWithout(KERBEROS_CORE),
				"-Dio.netty.leakDetection.level=paranoid", KerberosFreeServerApplication.class.getName()));
		for (String property : realm.credentialProperties()) {
			command.add("--" + property);
		}
		command.addAll(List.of("--negotiate.tcp.server.address=127.0.0.1", "--negotiate.tcp.server.port=0",
				"--negotiate.tcp.server.credential=service", "--spring.main.banner-mode=off"));
		Path log = dir.resolve("server.log");
		Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			int port = awaitPort(server, log);
			assertThat(Files.readString(log)).contains(KerberosFreeServerApplication.KERBEROS_PRESENT + "false");
			NegotiateChannelFactory alice = new NegotiateChannelFactory(
					ClientSettings.of(new ClientCredential.Keytab("alice", realm.file("alice.keytab"))));
			assertThat(NegotiateSecurityIntegrationTests.call(alice, "net.tcp://localhost:" + port + "/orders",
					"whoami"))
				.containsExactly("alice@EXAMPLE.COM [ROLE_ORDERS] NegotiateAuthenticationToken");
			server.getOutputStream().close();
			assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server stops when its input closes").isTrue();
			assertThat(server.exitValue()).isZero();
			assertThat(Files.readString(log)).doesNotContain("NoClassDefFoundError").doesNotContain("ERROR");
		}
		finally {
			server.destroyForcibly();
		}
	}

	private static int awaitPort(Process server, Path log) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			String output = Files.exists(log) ? Files.readString(log) : "";
			int at = output.indexOf(KerberosFreeServerApplication.PORT);
			if (at >= 0) {
				int end = output.indexOf('\n', at);
				if (end > 0) {
					return Integer.parseInt(
							output.substring(at + KerberosFreeServerApplication.PORT.length(), end).trim());
				}
			}
			if (!server.isAlive()) {
				fail("The server exited with " + server.exitValue() + ":\n" + output);
			}
			Thread.sleep(200);
		}
		return fail("The server did not start in time:\n" + Files.readString(log));
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * Return this JVM's class path (expanding Surefire's manifest-only jar) without the entries naming an artifact.
	 * @param artifact the artifact to leave out
	 * @return the class path
	 * @throws IOException if a manifest cannot be read
	 */
	private static String classPathWithout(String artifact) throws IOException {
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path path = Path.of(entry);
			if (entry.endsWith(".jar") && path.getFileName().toString().startsWith("surefirebooter")) {
				try (JarFile jar = new JarFile(path.toFile())) {
					String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
					URI base = path.toAbsolutePath().getParent().toUri();
					for (String url : classPath.trim().split(" +")) {
						entries.add(Path.of(base.resolve(url)).toString());
					}
				}
			}
			else {
				entries.add(entry);
			}
		}
		assertThat(entries).as("the test class path holds %s", artifact).anyMatch((entry) -> entry.contains(artifact));
		return String.join(File.pathSeparator,
				entries.stream().filter((entry) -> !entry.contains(artifact)).toList());
	}

}
