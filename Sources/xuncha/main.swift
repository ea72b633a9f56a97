print("xuncha")
