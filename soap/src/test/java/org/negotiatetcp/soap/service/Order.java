package org.negotiatetcp.soap.service;

import java.math.BigDecimal;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * A data contract as WCF's DataContractSerializer writes it: C# {@code [DataContract] class Order} in the CLR namespace
 * {@code Shop}, members in alphabetical order, in the data contract namespace.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Order", namespace = Order.NS, propOrder = { "id", "item", "total" })
public class Order {

	static final String NS = "http://schemas.datacontract.org/2004/07/Shop";

	@XmlElement(name = "Id", namespace = NS)
	private int id;

	@XmlElement(name = "Item", namespace = NS, nillable = true)
	private String item;

	@XmlElement(name = "Total", namespace = NS)
	private BigDecimal total;

	public Order() {
	}

	public Order(int id, String item, BigDecimal total) {
		this.id = id;
		this.item = item;
		this.total = total;
	}

	public int getId() {
		return this.id;
	}

	public String getItem() {
		return this.item;
	}

	public BigDecimal getTotal() {
		return this.total;
	}

}
