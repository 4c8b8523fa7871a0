package org.negotiatetcp.boot.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.boot.test.EchoApplication;
import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.mechanism.kerberos.KerberosConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Keytabs and the krb5.conf as Spring resources, in a real {@link SpringApplication}: {@code classpath:} locations
 * inside a jar (copied to private temporary files for JGSS), {@code file:} locations and plain paths; the krb5.conf
 * applied by {@link NegotiateKerberosEnvironmentPostProcessor} before any bean exists.
 */
class KerberosResourcesTests {

	private static final String KRB5_CONF = "java.security.krb5.conf";

	@TempDir
	Path directory;

	@Test
	void keytabsAndKrb5ConfFromAJarOnTheClassPathAuthenticateARealRoundTrip() throws Exception {
		TestRealm realm = TestRealm.get();
		Path realmKrb5Conf = realm.krb5Conf();
		Path jar = jar(this.directory.resolve("kerberos.jar"), realmKrb5Conf, realm.file("service.keytab"));
		String previous = System.getProperty(KRB5_CONF);
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { jar.toUri().toURL() },
				getClass().getClassLoader())) {
			SpringApplication application = new SpringApplication(new DefaultResourceLoader(classLoader),
					EchoApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			try (ConfigurableApplicationContext context = application.run(
					"--negotiate.tcp.kerberos.krb5-conf=classpath:kerberos/krb5.conf",
					"--negotiate.tcp.credentials.service.principal=host/localhost",
					"--negotiate.tcp.credentials.service.keytab=classpath:kerberos/service.keytab",
					"--negotiate.tcp.credentials.alice.principal=alice",
					"--negotiate.tcp.credentials.alice.keytab=file:" + realm.file("alice.keytab"),
					"--negotiate.tcp.credentials.bob.principal=bob",
					"--negotiate.tcp.credentials.bob.keytab=" + realm.file("bob.keytab"),
					"--negotiate.tcp.server.address=127.0.0.1", "--negotiate.tcp.server.port=0",
					"--negotiate.tcp.server.credential=service", "--negotiate.tcp.client.credential=alice",
					"--negotiate.tcp.client.endpoints.echo.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/echo",
					"--negotiate.tcp.client.endpoints.bob.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/echo",
					"--negotiate.tcp.client.endpoints.bob.credential=bob")) {
				Path krb5Conf = Path.of(System.getProperty(KRB5_CONF));
				assertThat(krb5Conf).as("a private copy of the jar's krb5.conf").isNotEqualTo(realmKrb5Conf);
				assertThat(krb5Conf.toString()).doesNotStartWith(this.directory.toString());
				assertThat(Files.readString(krb5Conf)).isEqualTo(Files.readString(realmKrb5Conf));
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(krb5Conf)))
					.isEqualTo("rw-------");

				NegotiateEndpoints endpoints = context.getBean(NegotiateEndpoints.class);
				// alice's keytab is a file: location, bob's a plain path, the service's inside the jar
				assertThat(echo(endpoints.get("echo").open().block(Duration.ofSeconds(30)))).startsWith("host/localhost");
				assertThat(echo(endpoints.get("bob").open().block(Duration.ofSeconds(30)))).startsWith("host/localhost");
			}
		}
		finally {
			System.setProperty(KRB5_CONF, previous);
			KerberosConfiguration.refresh();
		}
	}

	@Test
	void missingKrb5ConfFailsStartupNamingTheProperty() {
		SpringApplication application = new SpringApplication(EchoApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Throwable failure = catchThrowable(() -> application.run("--negotiate.tcp.kerberos.krb5-conf=classpath:no/krb5.conf"));
		assertThat(failure).hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class)
			.rootCause()
			.hasMessageContaining("negotiate.tcp.kerberos.krb5-conf")
			.hasMessageContaining("classpath:no/krb5.conf");
	}

	@Test
	void missingClasspathKeytabFailsNamingTheCredentialAndProperty() {
		NegotiateCredentialsProperties properties = new NegotiateCredentialsProperties();
		NegotiateCredentialsProperties.Credential credential = new NegotiateCredentialsProperties.Credential();
		credential.setPrincipal("host/localhost");
		credential.setKeytab("classpath:missing/service.keytab");
		properties.getCredentials().put("service", credential);
		Throwable failure = catchThrowable(() -> new NegotiateCredentials(properties).serviceCredential("service",
				"negotiate.tcp.server.credential"));
		assertThat(failure).isInstanceOf(NegotiateCredentialException.class)
			.hasMessageContaining("negotiate.tcp.credentials.service.keytab")
			.hasMessageContaining("classpath:missing/service.keytab");
		assertThat(((NegotiateCredentialException) failure).getCredential()).isEqualTo("service");
	}

	/** Round trip on an authenticated channel; returns the server principal the client authenticated. */
	private static String echo(NegotiateChannel channel) {
		try {
			channel.sendBytes("ping".getBytes(StandardCharsets.UTF_8)).block(Duration.ofSeconds(10));
			String reply = channel.receive()
				.next()
				.map((buf) -> buf.toString(StandardCharsets.UTF_8))
				.block(Duration.ofSeconds(10));
			assertThat(reply).isEqualTo("ping");
			assertThat(channel.securityInfo().mutuallyAuthenticated()).isTrue();
			return channel.securityInfo().peerName();
		}
		finally {
			channel.close().block(Duration.ofSeconds(10));
		}
	}

	private static Path jar(Path jar, Path krb5Conf, Path serviceKeytab) throws IOException {
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out)) {
			entries.putNextEntry(new JarEntry("kerberos/krb5.conf"));
			entries.write(Files.readAllBytes(krb5Conf));
			entries.closeEntry();
			entries.putNextEntry(new JarEntry("kerberos/service.keytab"));
			entries.write(Files.readAllBytes(serviceKeytab));
			entries.closeEntry();
		}
		return jar;
	}

}
