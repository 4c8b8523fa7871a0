package org.negotiatetcp.samples.wcfclient;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;

import org.negotiatetcp.boot.test.kerberos.DevelopmentKdcConfiguration;

/**
 * The client with a development KDC and a stand-in service, for trying it on one machine without a realm or a WCF
 * service: {@code ./mvnw -pl samples/wcf-client -am spring-boot:test-run}. The realm {@code EXAMPLE.COM} starts with
 * it, the client authenticates as {@code alice}, and the {@link StandInOrderService} answers on a free port of this
 * application's own server; the calls are printed and the application exits.
 */
public class TestWcfClientApplication {

	/**
	 * Run the client against the stand-in and exit with its exit code.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(run(args));
	}

	/**
	 * Run the client against the stand-in.
	 * @param args the command line
	 * @return the exit code
	 */
	static int run(String... args) {
		List<String> all = new ArrayList<>(List.of("--negotiate.tcp.server.address=127.0.0.1",
				"--negotiate.tcp.server.port=0", "--negotiate.tcp.server.mode=net-tcp",
				"--negotiate.tcp.client.endpoints.orders.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/orders"));
		all.addAll(List.of(args));
		SpringApplication application = new SpringApplication(WcfClientApplication.class,
				DevelopmentKdcConfiguration.class, StandInOrderService.class);
		return SpringApplication.exit(application.run(all.toArray(String[]::new)));
	}

}
