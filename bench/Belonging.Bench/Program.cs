Console.WriteLine("usage: Belonging.Bench <cube|audit> …");
return 2;
