package org.negotiatetcp.samples.wcfservice;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import org.jspecify.annotations.Nullable;

/**
 * The data contract, as WCF's {@code DataContractSerializer} writes C#
 * {@code [DataContract(Namespace = "http://schemas.datacontract.org/2004/07/Orders")] class Order} with the members
 * {@code Id}, {@code Item}, {@code PlacedBy}, {@code Quantity}: in that (alphabetical) order, in the data contract's
 * namespace.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Order", namespace = Order.NAMESPACE, propOrder = { "id", "item", "placedBy", "quantity" })
public class Order {

	/** The data contract's namespace. */
	public static final String NAMESPACE = "http://schemas.datacontract.org/2004/07/Orders";

	@XmlElement(name = "Id", namespace = NAMESPACE)
	private int id;

	@XmlElement(name = "Item", namespace = NAMESPACE, nillable = true)
	private @Nullable String item;

	@XmlElement(name = "PlacedBy", namespace = NAMESPACE, nillable = true)
	private @Nullable String placedBy;

	@XmlElement(name = "Quantity", namespace = NAMESPACE)
	private int quantity;

	/**
	 * For JAXB.
	 */
	public Order() {
	}

	/**
	 * An order.
	 * @param id its number (0 before it is placed)
	 * @param item what
	 * @param placedBy who placed it ({@code null} before it is placed)
	 * @param quantity how many
	 */
	public Order(int id, @Nullable String item, @Nullable String placedBy, int quantity) {
		this.id = id;
		this.item = item;
		this.placedBy = placedBy;
		this.quantity = quantity;
	}

	/**
	 * The order's number.
	 * @return the number
	 */
	public int getId() {
		return this.id;
	}

	/**
	 * What was ordered.
	 * @return the item
	 */
	public @Nullable String getItem() {
		return this.item;
	}

	/**
	 * Who placed the order.
	 * @return the client's name
	 */
	public @Nullable String getPlacedBy() {
		return this.placedBy;
	}

	/**
	 * How many.
	 * @return the quantity
	 */
	public int getQuantity() {
		return this.quantity;
	}

	@Override
	public String toString() {
		return "Order " + this.id + ": " + this.quantity + " x " + this.item + " by " + this.placedBy;
	}

}
