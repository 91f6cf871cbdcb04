/** Passwords attackers try first (from public breach top lists, incl. Korean keyboard patterns); refused at any case. */
export const COMMON_PASSWORDS = new Set(
  `123456 123456789 12345678 password qwerty123 qwerty 1q2w3e4r 1q2w3e4r5t 1q2w3e4r! qwer1234 qwer1234! asdf1234 zxcv1234
  1234567890 0987654321 11111111 00000000 88888888 12341234 123123123 password1 password! password123 passw0rd p@ssw0rd
  iloveyou sunshine princess football baseball welcome welcome1 admin1234 administrator letmein monkey dragon abc12345
  abcd1234 abcd1234! a1234567 a12345678 aa123456 q1w2e3r4 q1w2e3r4t5 1qaz2wsx 1qaz2wsx! zaq12wsx qazwsx123 superman
  trustno1 whatever starwars computer michelle jessica internet samsung samsung1 samsung123 korea123 seoul123 sarang
  saranghae love1234 iloveyou1 gkswlsdn dlrjsgur 1234qwer 1234qwer! qwerasdf asdfqwer asdfghjk asdfghjkl zxcvbnm1
  zxcvbnm123 q1234567 qwe12345 qwe123456 qwe123!@# 1q2w3e! !qaz2wsx 123qwe!@# 123qweasd 1234abcd abc123456 test1234
  changeme changeme1 default1 master123 shadow123 google123 naver123 kakao123 contract econtract econtract1`.split(/\s+/),
);
