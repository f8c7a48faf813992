-- A policy that never finishes loading.
while true do end
