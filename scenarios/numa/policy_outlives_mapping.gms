# The policy belongs to the inode (gmem_inode's struct shared_policy, 6.19 "KVM: guest_memfd:
# Use guest mem inodes instead of anonymous inodes" + the NUMA series): it outlives the
# mapping mbind() went through, and a second mapping of the file sees it; it goes with the
# inode (kvm_gmem_destroy_inode(): mpol_free_shared_policy()).
# Source: virt/kvm/guest_memfd.c kvm_gmem_set_policy(), kvm_gmem_get_policy() (6.19, 7.2).
policy numa_nodes=2
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap a gmem=g
host.mbind a mode=bind nodes=1 offset=4K len=4K
gmem.munmap a
gmem.mmap b gmem=g offset=4K len=8K
expect.mempolicy b offset=0 mode=bind nodes=1
expect.mempolicy b offset=4K mode=default
host.write b offset=0 tag=aa
expect.page g offset=4K node=1
gmem.munmap b
gmem.close g
vm.close vm
