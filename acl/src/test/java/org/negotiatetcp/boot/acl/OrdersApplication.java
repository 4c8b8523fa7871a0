package org.negotiatetcp.boot.acl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.netty.buffer.Unpooled;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.acls.domain.ObjectIdentityImpl;
import org.springframework.security.acls.model.ObjectIdentity;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import org.negotiatetcp.boot.security.NegotiateSecurity;
import org.negotiatetcp.boot.security.NegotiateSecurityContext;
import org.negotiatetcp.boot.security.NegotiateSecuritySessionAuthorizer;
import org.negotiatetcp.channel.NegotiateChannelHandler;

import static org.springframework.security.authorization.SingleResultAuthorizationManager.permitAll;

/**
 * The tests' server: a handler that serves one command per message (create, read, load, write, grant, deny, take,
 * owner, acl) by calling {@link OrderService} (method security with {@code hasPermission}) and
 * {@link NegotiateObjectSecurity} with the channel's {@code Authentication}. alice and bob are clerks
 * ({@code ROLE_CLERKS}); anonymous clients may connect to {@code /public}. With a {@code DataSource} bean the
 * orders are a table beside the ACLs, otherwise a map.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
class OrdersApplication {

	@Bean
	UserDetailsService users() {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		for (String name : new String[] { "alice@EXAMPLE.COM", "bob@EXAMPLE.COM" }) {
			users.createUser(User.withUsername(name).password("{noop}not-used").roles("CLERKS").build());
		}
		return users;
	}

	@Bean
	NegotiateSecuritySessionAuthorizer negotiateAuthorizer(NegotiateSecurity security) {
		return security.authorizeVia("/public/**", permitAll()).build();
	}

	@Bean
	@ConditionalOnProperty("acl-test.jdbc-url")
	DataSource dataSource(Environment environment) {
		return new DriverManagerDataSource(environment.getRequiredProperty("acl-test.jdbc-url"), "acl", "");
	}

	@Bean
	OrderService orderService(NegotiateObjectSecurity security, ObjectProvider<DataSource> dataSource) {
		DataSource database = dataSource.getIfAvailable();
		return new OrderService(security, (database != null) ? new JdbcOrders(database) : new MapOrders());
	}

	@Bean
	NegotiateChannelHandler ordersHandler(OrderService orders, NegotiateObjectSecurity security) {
		return (channel) -> channel.send(channel.receive()
			.map((message) -> message.toString(StandardCharsets.UTF_8))
			.concatMap((command) -> NegotiateSecurityContext.blocking(() -> serve(orders, security, command))
				.onErrorResume(AccessDeniedException.class, (ex) -> Mono.just("denied: " + ex.getMessage()))
				.onErrorResume(RuntimeException.class,
						(ex) -> Mono.just("error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage())))
			.map((reply) -> Unpooled.copiedBuffer(reply, StandardCharsets.UTF_8)));
	}

	/**
	 * Serve one command: {@code verb type id [args]}.
	 */
	static String serve(OrderService orders, NegotiateObjectSecurity security, String command) {
		String[] words = command.split(" ");
		String verb = words[0];
		String type = words[1];
		long id = Long.parseLong(words[2]);
		ObjectIdentity object = new ObjectIdentityImpl(type, id);
		return switch (verb) {
			case "create" -> orders.create(type, id, (words.length > 3) ? Long.valueOf(words[3]) : null);
			case "read" -> "Order".equals(type) ? orders.read(id) : orders.readAny(type, id);
			case "load" -> orders.load(id).text();
			case "write" -> orders.write(id, words[3]);
			case "grant", "grant-inheritable", "deny", "deny-inheritable" -> {
				ObjectTypeSecurity types = ObjectTypeSecurity.defaults(type);
				int rights = types.rights(Arrays.stream(words[4].split(","))
					.map((right) -> AccessRight.valueOf(right.toUpperCase().replace('-', '_')))
					.toArray(AccessRight[]::new));
				AccessEntry entry = verb.startsWith("grant") ? AccessEntry.allow(NegotiateSids.parse(words[3]), rights)
						: AccessEntry.deny(NegotiateSids.parse(words[3]), rights);
				yield "ok " + security.add(object, verb.endsWith("inheritable") ? entry.asInheritable() : entry)
					.entries();
			}
			case "take" -> "owner " + NegotiateSids.format(security.takeOwnership(object).owner());
			case "owner" -> NegotiateSids.format(security.get(object).owner());
			case "acl" -> security.get(object).entries().toString();
			case "check" -> String.valueOf(security.accessCheck(object, AccessRight.valueOf(words[3])));
			default -> throw new IllegalArgumentException("Unknown command " + command);
		};
	}

	/**
	 * An order.
	 */
	public record Order(long id, String text) {
	}

	/**
	 * Where orders are kept.
	 */
	interface Orders {

		void put(long id, String text);

		String get(long id);

	}

	/**
	 * Orders in a map (the embedded-database tests).
	 */
	static final class MapOrders implements Orders {

		private final Map<Long, String> orders = new ConcurrentHashMap<>();

		@Override
		public void put(long id, String text) {
			this.orders.put(id, text);
		}

		@Override
		public String get(long id) {
			String text = this.orders.get(id);
			if (text == null) {
				throw new IllegalArgumentException("No order " + id);
			}
			return text;
		}

	}

	/**
	 * Orders in a table of the application's database (the PostgreSQL restart test).
	 */
	static final class JdbcOrders implements Orders {

		private final JdbcTemplate jdbc;

		JdbcOrders(DataSource dataSource) {
			this.jdbc = new JdbcTemplate(dataSource);
			this.jdbc.execute("create table if not exists orders (id bigint primary key, text varchar(200) not null)");
		}

		@Override
		public void put(long id, String text) {
			if (this.jdbc.update("update orders set text = ? where id = ?", text, id) == 0) {
				this.jdbc.update("insert into orders (id, text) values (?, ?)", id, text);
			}
		}

		@Override
		public String get(long id) {
			return this.jdbc.queryForObject("select text from orders where id = ?", String.class, id);
		}

	}

	/**
	 * The service the handler calls: every object it creates gets the client's ACL; reads and writes are checked
	 * against it by method security.
	 */
	public static class OrderService {

		private final NegotiateObjectSecurity security;

		private final Orders orders;

		OrderService(NegotiateObjectSecurity security, Orders orders) {
			this.security = security;
			this.orders = orders;
		}

		public String create(String type, long id, Long parent) {
			ObjectSecurityDescriptor descriptor = (parent != null)
					? this.security.create(type, id, new ObjectIdentityImpl(type, parent))
					: this.security.create(type, id);
			this.orders.put(id, type + " " + id + " of " + NegotiateSids.format(descriptor.owner()));
			return "created " + type + " " + id;
		}

		@PreAuthorize("hasPermission(#id, 'Order', 'READ')")
		public String read(long id) {
			return this.orders.get(id);
		}

		@PreAuthorize("hasPermission(#id, #type, 'READ')")
		public String readAny(String type, long id) {
			return this.orders.get(id);
		}

		@PostAuthorize("hasPermission(returnObject.id(), 'Order', 'READ')")
		public Order load(long id) {
			return new Order(id, this.orders.get(id));
		}

		@PreAuthorize("hasPermission(#id, 'Order', 'WRITE')")
		public String write(long id, String text) {
			this.orders.put(id, text);
			return "written";
		}

	}

}
