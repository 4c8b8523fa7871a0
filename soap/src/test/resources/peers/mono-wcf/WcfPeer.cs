// A WCF peer on Mono's System.ServiceModel (NetTcpBinding with SecurityMode.None), for MonoWcfPeerInteropTests.
//
//   mono WcfPeer.exe service            a ServiceHost on a free port of 127.0.0.1, via /calculator; prints
//                                       "LISTENING <port>", then serves until killed
//   mono WcfPeer.exe client <address>   a ChannelFactory<ICalculator> client calling every operation on one
//                                       channel; prints "RESULT <name> <value>" per call, then "DONE"
//   mono WcfPeer.exe streamed-service   the service with TransferMode.Streamed (singleton-unsized mode)
//   mono WcfPeer.exe streamed-client <address>
//                                       a TransferMode.Streamed client calling Echo and Add, then "DONE"
//
// The contract is the Java test contract org.negotiatetcp.soap.service.Calculator (its C# operations).
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Serialization;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Threading;

namespace Shop
{
	[DataContract(Namespace = "http://schemas.datacontract.org/2004/07/Shop")]
	public class Order
	{
		[DataMember] public int Id;
		[DataMember] public string Item;
		[DataMember] public decimal Total;
	}

	[DataContract(Namespace = "http://schemas.datacontract.org/2004/07/Shop")]
	public class StockFault
	{
		[DataMember] public string Item;
		[DataMember] public int Left;
	}

	[ServiceContract(Namespace = "http://example.org/calculator")]
	public interface ICalculator
	{
		[OperationContract] int Add(int a, int b);
		[OperationContract] string Echo(string text);
		[OperationContract] Order Price(Order order, decimal rate);
		[OperationContract, FaultContract(typeof(StockFault))] void Refuse(string reason);
		[OperationContract(IsOneWay = true)] void Note(string note);
		[OperationContract] string Notes();
		[OperationContract] string Rendezvous(string name);
		[OperationContract] string Later(string text);
	}

	[ServiceBehavior(InstanceContextMode = InstanceContextMode.Single, ConcurrencyMode = ConcurrencyMode.Multiple)]
	public class CalculatorService : ICalculator
	{
		public const int Parties = 4;

		readonly List<string> notes = new List<string>();

		readonly Barrier barrier = new Barrier(Parties);

		public int Add(int a, int b) { return a + b; }

		public string Echo(string text) { return "echo:" + (text ?? "null"); }

		public Order Price(Order order, decimal rate)
		{
			return new Order { Id = order.Id + 1, Item = order.Item, Total = order.Total * rate };
		}

		public void Refuse(string reason)
		{
			throw new FaultException<StockFault>(new StockFault { Item = reason, Left = 3 },
				new FaultReason("Refused: " + reason),
				FaultCode.CreateSenderFaultCode("Refused", "http://example.org/calculator"));
		}

		public void Note(string note) { lock (notes) { notes.Add(note); } }

		public string Notes() { lock (notes) { return string.Join(",", notes); } }

		// Mono's dispatcher handles the requests of one session one at a time (ConcurrencyMode.Multiple
		// notwithstanding), so calls to this service never meet here; our service's Rendezvous does meet them
		public string Rendezvous(string name)
		{
			// every party waits until all of them are in flight: calls handled one at a time would never meet
			if (!barrier.SignalAndWait(30000))
			{
				throw new FaultException("The rendezvous timed out: calls were not in flight at once");
			}
			return "met:" + name;
		}

		public string Later(string text)
		{
			Thread.Sleep(50);
			return "later:" + text;
		}
	}

	public static class WcfPeer
	{
		static NetTcpBinding Binding()
		{
			return Binding(false);
		}

		static NetTcpBinding Binding(bool streamed)
		{
			var binding = new NetTcpBinding(SecurityMode.None);
			if (streamed) { binding.TransferMode = TransferMode.Streamed; }
			binding.SendTimeout = TimeSpan.FromSeconds(60);
			binding.ReceiveTimeout = TimeSpan.FromMinutes(10);
			return binding;
		}

		public static int Main(string[] args)
		{
			try
			{
				if (args.Length == 1 && args[0] == "service") { return Serve(false); }
				if (args.Length == 1 && args[0] == "streamed-service") { return Serve(true); }
				if (args.Length == 2 && args[0] == "streamed-client") { return CallStreamed(args[1]); }
				if (args.Length == 2 && args[0] == "client") { return Call(args[1]); }
				Console.Error.WriteLine("usage: WcfPeer.exe service | client <net.tcp address>");
				return 2;
			}
			catch (Exception ex)
			{
				Console.WriteLine("ERROR " + ex.GetType().FullName + ": " + ex.Message.Replace('\n', ' '));
				Console.Error.WriteLine(ex);
				return 1;
			}
		}

		static int FreePort()
		{
			var listener = new TcpListener(IPAddress.Loopback, 0);
			listener.Start();
			int port = ((IPEndPoint) listener.LocalEndpoint).Port;
			listener.Stop();
			return port;
		}

		static int Serve(bool streamed)
		{
			ServiceHost host = null;
			int port = 0;
			for (int attempt = 0; host == null; attempt++)
			{
				port = FreePort();
				var candidate = new ServiceHost(new CalculatorService());
				candidate.AddServiceEndpoint(typeof(ICalculator), Binding(streamed),
					new Uri("net.tcp://127.0.0.1:" + port + "/calculator"));
				try
				{
					candidate.Open();
					host = candidate;
				}
				catch (Exception) when (attempt < 5)
				{
					candidate.Abort();
				}
			}
			Console.WriteLine("LISTENING " + port);
			Console.Out.Flush();
			// serve until the test kills us (at most 10 minutes, so that a forgotten peer goes away)
			Thread.Sleep(TimeSpan.FromMinutes(10));
			host.Abort();
			return 0;
		}

		static void Print(string name, object value)
		{
			lock (typeof(WcfPeer))
			{
				Console.WriteLine("RESULT " + name + " " + value);
				Console.Out.Flush();
			}
		}

		static int Call(string address)
		{
			var factory = new ChannelFactory<ICalculator>(Binding(), new EndpointAddress(address));
			ICalculator calculator = factory.CreateChannel();
			Print("add", calculator.Add(2, 3));
			Print("echo", calculator.Echo("grüße <&>"));
			Order priced = calculator.Price(new Order { Id = 41, Item = "book", Total = 12.50m }, 2m);
			Print("price", priced.Id + "|" + priced.Item + "|" + priced.Total);
			try
			{
				calculator.Refuse("no stock");
				Print("refuse", "no fault");
			}
			catch (FaultException<StockFault> fault)
			{
				Print("refuse", "typed|" + fault.Code.IsSenderFault + "|" + SubCode(fault.Code) + "|"
					+ fault.Reason.GetMatchingTranslation().Text + "|" + fault.Detail.Item + "|" + fault.Detail.Left);
			}
			catch (FaultException fault)
			{
				Print("refuse", "untyped|" + fault.Code.IsSenderFault + "|" + SubCode(fault.Code) + "|"
					+ fault.Reason.GetMatchingTranslation().Text);
			}
			calculator.Note("a");
			calculator.Note("b");
			// one-way calls return once sent: ask until all arrived (the service may handle them concurrently)
			string notes = "";
			for (int i = 0; i < 100 && notes.Split(',').Length < 2; i++)
			{
				notes = calculator.Notes();
				if (notes.Split(',').Length < 2) { Thread.Sleep(100); }
			}
			Print("notes", notes);
			var threads = new List<Thread>();
			for (int i = 0; i < CalculatorService.Parties; i++)
			{
				string name = "call" + i;
				var thread = new Thread(() => {
					try { Print("rendezvous", calculator.Rendezvous(name)); }
					catch (Exception ex) { Print("rendezvous", "failed " + ex.GetType().Name + ": " + ex.Message); }
				});
				threads.Add(thread);
				thread.Start();
			}
			foreach (Thread thread in threads) { thread.Join(); }
			Print("after", calculator.Add(40, 2));
			((IClientChannel) calculator).Close();
			factory.Close();
			Console.WriteLine("DONE");
			return 0;
		}

		static int CallStreamed(string address)
		{
			// one call per channel and factory: Mono's streamed client fails a second request on a channel
			// ("Preamble Ack Record is expected", even against Mono's own streamed service)
			foreach (string text in new[] { "streamed", "again" })
			{
				var factory = new ChannelFactory<ICalculator>(Binding(true), new EndpointAddress(address));
				ICalculator calculator = factory.CreateChannel();
				Print("echo", calculator.Echo(text));
				((IClientChannel) calculator).Close();
				factory.Close();
			}
			Console.WriteLine("DONE");
			return 0;
		}

		static string SubCode(FaultCode code)
		{
			return (code.SubCode == null) ? "-" : "{" + code.SubCode.Namespace + "}" + code.SubCode.Name;
		}
	}
}
