# Writes a compiled catalogue (.mo) as a C++ array, so that the binary carries its translations:
# cmake -DIN=nl.mo -DOUT=catalogue_nl.cpp -DNAME=inkoop_catalogue_nl -P embed.cmake
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR size "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}.tmp" "// Generated from ${IN} at build time; do not edit.\nextern const unsigned char ${NAME}[] = {\n${bytes}\n};\nextern const unsigned long ${NAME}_size = ${size};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
