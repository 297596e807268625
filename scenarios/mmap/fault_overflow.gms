# A mapping may extend beyond EOF, but faulting there is SIGBUS; past the mapping
# itself nothing is mapped at all.
# Source: selftest 3.A.6 test_fault_overflow; kvm_gmem_fault_user_mapping().
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g len=64K
host.write m offset=8K tag=aa
host.write m offset=16K tag=aa => sigbus
host.read m offset=60K => sigbus
host.read m offset=64K => EFAULT
host.write m offset=1T tag=far => EFAULT
host.read m offset=8K => tag:aa
