package org.negotiatetcp.samples.echo;

import org.springframework.boot.SpringApplication;

import org.negotiatetcp.boot.test.kerberos.DevelopmentKdcConfiguration;

/**
 * The echo server with a development KDC, for trying it on one machine without a realm:
 * {@code ./mvnw -pl samples/echo-server -am spring-boot:test-run}. The realm {@code EXAMPLE.COM} starts with it, the
 * server accepts as {@code host/localhost}, and the log names the krb5.conf and the keytab of the user {@code alice}
 * for a client.
 */
public class TestEchoServerApplication {

	/**
	 * Run the echo server with a development KDC.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		SpringApplication.from(EchoServerApplication::main).with(DevelopmentKdcConfiguration.class).run(args);
	}

}
