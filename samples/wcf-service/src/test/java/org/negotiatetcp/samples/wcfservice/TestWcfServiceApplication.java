package org.negotiatetcp.samples.wcfservice;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;

import org.negotiatetcp.boot.test.kerberos.DevelopmentKdcConfiguration;

/**
 * The service with a development KDC, for trying it on one machine without a realm:
 * {@code ./mvnw -pl samples/wcf-service -am spring-boot:test-run}. The realm {@code EXAMPLE.COM} starts with it with
 * the users {@code alice} (a manager) and {@code bob}; the service accepts as {@code host/localhost}, and the log
 * names the krb5.conf and the keytabs for a client.
 */
public class TestWcfServiceApplication {

	/** The development realm's users: alice and bob, as in {@code orders.roles}. */
	static final String USERS = "--negotiate.tcp.dev-kdc.users=alice,bob";

	/**
	 * Run the service with a development KDC.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		SpringApplication.from(WcfServiceApplication::main).with(DevelopmentKdcConfiguration.class).run(withUsers(args));
	}

	static String[] withUsers(String... args) {
		List<String> all = new ArrayList<>(List.of(USERS));
		all.addAll(List.of(args));
		return all.toArray(String[]::new);
	}

}
