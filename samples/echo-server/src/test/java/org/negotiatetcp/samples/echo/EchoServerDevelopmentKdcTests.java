package org.negotiatetcp.samples.echo;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import org.negotiatetcp.boot.test.kerberos.DevelopmentKdcConfiguration;
import org.negotiatetcp.boot.test.kerberos.KerberosRealm;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The echo server started as {@link TestEchoServerApplication} does ({@code SpringApplication.from(...).with(
 * DevelopmentKdcConfiguration.class)}): no realm, keytab or krb5.conf configured, and a client with the development
 * realm's {@code alice} completes a round trip.
 */
@ExtendWith(OutputCaptureExtension.class)
class EchoServerDevelopmentKdcTests {

	@Test
	void echoServerWithTheDevelopmentKdcAuthenticatesAClientOfItsRealm(CapturedOutput output) {
		try (ConfigurableApplicationContext context = SpringApplication.from(EchoServerApplication::main)
			.with(DevelopmentKdcConfiguration.class)
			.run("--negotiate.tcp.server.port=0")
			.getApplicationContext()) {
			KerberosRealm realm = context.getBean(KerberosRealm.class);
			assertThat(realm.name()).isEqualTo("EXAMPLE.COM");
			assertThat(context.getEnvironment().getProperty("negotiate.tcp.server.credential"))
				.isEqualTo("host-localhost");
			int port = context.getEnvironment().getRequiredProperty("local.negotiate.tcp.server.port", Integer.class);
			NegotiateChannelFactory client = new NegotiateChannelFactory(
					ClientSettings.of(new ClientCredential.Keytab(realm.principal("alice"), realm.keytab("alice"))));
			String reply = client.open("net.tcp://localhost:" + port + "/echo")
				.flatMap((channel) -> channel.sendBytes("hello".getBytes())
					.then(channel.receiveBytes().next())
					.flatMap((bytes) -> channel.close().thenReturn(new String(bytes))))
				.block(Duration.ofSeconds(30));
			assertThat(reply).isEqualTo("hello");
			assertThat(output).contains("Development KDC for realm EXAMPLE.COM at 127.0.0.1:")
				.contains("Authenticated alice@EXAMPLE.COM from /127.0.0.1:");
		}
	}

}
