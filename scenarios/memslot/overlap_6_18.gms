# The same overlap on a 6.18 kernel: -EINVAL (as observed on 6.18.44).
# Source: gmem_uapi.md 2.3 row 10 [OBSERVED "gmem-overlap only" -> EINVAL].
policy abi=6.18
vm.create vm
gmem.create g vm=vm size=64K
memslot.set vm slot=1 gpa=1M size=16K gmem=g offset=0
memslot.set vm slot=2 gpa=4M size=16K gmem=g offset=8K => EINVAL
