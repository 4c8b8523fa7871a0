package org.negotiatetcp.boot.test.kerberos;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.boot.testsupport.EchoConfiguration;
import org.negotiatetcp.channel.NegotiateChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DevelopmentKdcConfiguration}: an application configured for its production realm runs against the
 * development KDC unchanged, its credentials given principals and keytabs there.
 */
class DevelopmentKdcConfigurationTests {

	@Test
	void configuredCredentialsGetPrincipalsInTheDevelopmentRealmAndAuthenticate() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoApplication.class,
				DevelopmentKdcConfiguration.class)
			.properties("negotiate.tcp.server.port=0", "negotiate.tcp.server.address=127.0.0.1",
					"negotiate.tcp.kerberos.krb5-conf=/etc/production/krb5.conf",
					"negotiate.tcp.credentials.service.principal=host/srv.corp.example@CORP.EXAMPLE",
					"negotiate.tcp.credentials.service.keytab=/etc/production/service.keytab",
					"negotiate.tcp.credentials.carol.principal=CORP\\carol",
					"negotiate.tcp.credentials.carol.password=carol-password",
					"negotiate.tcp.server.credential=service", "negotiate.tcp.client.credential=carol",
					"negotiate.tcp.client.endpoints.echo.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/echo",
					"negotiate.tcp.client.endpoints.echo.identity=spn:host/srv.corp.example",
					"negotiate.tcp.dev-kdc.realm=dev.test")
			.run()) {
			KerberosRealm realm = context.getBean(KerberosRealm.class);
			assertThat(realm.name()).isEqualTo("DEV.TEST");
			assertThat(realm.principals()).containsExactlyInAnyOrder("host/srv.corp.example", "carol", "alice",
					"host/localhost");
			assertThat(realm.password("carol")).isEqualTo("carol-password");
			assertThat(Files.size(realm.keytab("host/srv.corp.example"))).isPositive();
			assertThat(context.getEnvironment().getProperty("negotiate.tcp.credentials.service.keytab"))
				.isEqualTo(realm.keytab("host/srv.corp.example").toString());
			assertThat(context.getEnvironment().getProperty("negotiate.tcp.kerberos.krb5-conf"))
				.isEqualTo(realm.krb5Conf().toString());
			assertThat(context.getEnvironment().getProperty("negotiate.tcp.server.credential")).isEqualTo("service");
			String reply = context.getBean(NegotiateEndpoints.class)
				.get("echo")
				.open()
				.flatMap((channel) -> channel.sendBytes("ping".getBytes())
					.then(channel.receiveBytes().next())
					.flatMap((bytes) -> channel.close().thenReturn(new String(bytes))))
				.block(Duration.ofSeconds(30));
			assertThat(reply).isEqualTo("ping");
			@SuppressWarnings("unchecked")
			List<String> peers = context.getBean("peers", List.class);
			assertThat(peers).containsExactly("carol@DEV.TEST");
		}
	}

	@Test
	void withoutConfiguredCredentialsTheServerAcceptsAsTheFirstServiceAndTheKdcStopsWithTheContext() {
		KerberosRealm realm;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoApplication.class,
				DevelopmentKdcConfiguration.class)
			.properties("negotiate.tcp.server.port=0", "negotiate.tcp.server.address=127.0.0.1",
					"negotiate.tcp.client.credential=alice")
			.run()) {
			realm = context.getBean(KerberosRealm.class);
			assertThat(context.getEnvironment().getProperty("negotiate.tcp.server.credential"))
				.isEqualTo("host-localhost");
			int port = context.getEnvironment().getRequiredProperty("local.negotiate.tcp.server.port", Integer.class);
			NegotiateChannelFactory client = context.getBean(NegotiateChannelFactory.class);
			assertThat(EchoConfiguration.roundTrip(client, port, "pong")).isEqualTo("pong");
		}
		assertThat(realm.krb5Conf()).doesNotExist();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(EchoConfiguration.class)
	static class EchoApplication {

	}

}
