import Features
print("x")
